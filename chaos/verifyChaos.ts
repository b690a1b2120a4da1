import { DeadLetterReason } from '../src/domain/outcome.js';
import type { Policy } from '../src/domain/policy/index.js';
import { resolvePolicy } from '../src/domain/policy/index.js';
import { ParseFailureReason } from '../src/events/errors.js';
import { type ChaosCaseKind, type ChaosPlan, INVALID_KINDS, ChaosCaseKind as Kind } from './chaosPlan.js';

/** What AWS reports as the destination key when the caller names none. */
const AWS_OWNED_KMS_KEY = 'AWS_OWNED_KMS_KEY';

export interface ObservedConfiguration {
  readonly namespaceName: string;
  readonly destinationRegion: string;
  readonly destinationKmsKeyId?: string;
  readonly snapshotRetentionPeriod: number;
}

export interface ObservedDeadLetter {
  readonly body: string;
  /** String message attributes (Reason, ErrorName, Namespace, EventId, …); none after an SQS redrive. */
  readonly attributes: Readonly<Record<string, string>>;
}

/** The final state of the local cloud, read once everything settled. */
export interface ChaosObservation {
  readonly account: string;
  readonly region: string;
  readonly configurations: readonly ObservedConfiguration[];
  /** Copy configurations ever created per namespace (deletions do not lower it). */
  readonly createCounts: Readonly<Record<string, number>>;
  readonly deadLetters: readonly ObservedDeadLetter[];
  /** Which planned name each event id was about (from the captured envelopes and PutEvents answers). */
  readonly namespaceOfEvent: ReadonlyMap<string, string>;
  /** Namespaces the worker logged a `skipped` outcome for. */
  readonly skippedLogged: ReadonlySet<string>;
  /** Messages still on the requests queue, visible or not. */
  readonly requestsLeft: number;
}

export interface ChaosVerdict {
  readonly violations: readonly string[];
  readonly protectedNamespaces: number;
  readonly skippedNamespaces: number;
  readonly deadLetteredNamespaces: number;
  /** Letters beyond the first per namespace (a duplicate delivery of an invalid request dead-letters again). */
  readonly repeatedDeadLetters: number;
  readonly configurations: number;
  readonly creates: number;
}

interface ExpectedLetter {
  readonly reason: string;
  readonly errorName?: string;
}

const EXPECTED_LETTERS: Partial<Record<ChaosCaseKind, ExpectedLetter>> = {
  [Kind.Rejected]: { reason: DeadLetterReason.NonRetryableError, errorName: 'ValidationException' },
  [Kind.Missing]: { reason: DeadLetterReason.NonRetryableError, errorName: 'ResourceNotFoundException' },
  [Kind.Malformed]: { reason: ParseFailureReason.InvalidRequest },
};

/**
 * Checks the promises of the chaos run against the final state: every valid namespace has
 * exactly one copy configuration, the one its policy rule says (and a skipped one has none);
 * every invalid one is in the DLQ with its reason; nothing was created twice; nothing is left
 * on the requests queue and no letter is unaccounted for. Pure.
 */
export function verifyChaos(plan: ChaosPlan, policy: Policy, observed: ChaosObservation): ChaosVerdict {
  const violations: string[] = [];
  const configurationsOf = groupBy(observed.configurations, (configuration) => configuration.namespaceName);
  const lettersOf = new Map<string, ObservedDeadLetter[]>();
  const planned = new Map(plan.namespaces.map((namespace) => [namespace.name, namespace]));

  for (const letter of observed.deadLetters) {
    const name = letterNamespace(letter, observed.namespaceOfEvent);
    if (name === undefined || !planned.has(name)) {
      violations.push(`unexpected dead letter: ${describeLetter(letter)}`);
      continue;
    }
    lettersOf.set(name, [...(lettersOf.get(name) ?? []), letter]);
  }

  let protectedNamespaces = 0;
  let skippedNamespaces = 0;
  let deadLetteredNamespaces = 0;
  let repeatedDeadLetters = 0;
  for (const namespace of plan.namespaces) {
    const configurations = configurationsOf.get(namespace.name) ?? [];
    const letters = lettersOf.get(namespace.name) ?? [];
    const creates = observed.createCounts[namespace.name] ?? 0;
    if (creates > 1) violations.push(`${namespace.name}: copy configuration created ${creates} times`);

    if (INVALID_KINDS.has(namespace.kind)) {
      const expected = EXPECTED_LETTERS[namespace.kind];
      if (configurations.length > 0)
        violations.push(`${namespace.name} (${namespace.kind}): has a copy configuration`);
      if (letters.length === 0) {
        violations.push(`${namespace.name} (${namespace.kind}): not in the DLQ`);
        continue;
      }
      for (const letter of letters) {
        const problem = expected === undefined ? undefined : letterMismatch(letter, expected);
        if (problem !== undefined) violations.push(`${namespace.name} (${namespace.kind}): ${problem}`);
      }
      deadLetteredNamespaces += 1;
      repeatedDeadLetters += letters.length - 1;
      continue;
    }

    for (const letter of letters) {
      violations.push(`${namespace.name} (${namespace.kind}): dead-lettered: ${describeLetter(letter)}`);
    }
    const decision = resolvePolicy(policy, {
      name: namespace.name,
      account: observed.account,
      region: observed.region,
      tags: namespace.tags,
    });
    if (namespace.kind === Kind.Skipped) {
      if (decision.kind !== 'skip')
        violations.push(`${namespace.name}: planned as skipped, policy says ${decision.kind}`);
      if (configurations.length > 0) violations.push(`${namespace.name} (skipped): has a copy configuration`);
      if (!observed.skippedLogged.has(namespace.name))
        violations.push(`${namespace.name} (skipped): never handled`);
      else skippedNamespaces += 1;
      continue;
    }
    if (decision.kind !== 'copy') {
      violations.push(`${namespace.name}: planned as protected, policy says ${decision.kind}`);
      continue;
    }
    if (configurations.length !== 1) {
      violations.push(`${namespace.name}: ${configurations.length} copy configurations, expected exactly 1`);
      continue;
    }
    const [configuration] = configurations as [ObservedConfiguration];
    const want = decision.target;
    const wantKey = want.kmsKeyId ?? AWS_OWNED_KMS_KEY;
    if (
      configuration.destinationRegion !== want.region ||
      configuration.snapshotRetentionPeriod !== want.retentionDays ||
      (configuration.destinationKmsKeyId ?? AWS_OWNED_KMS_KEY) !== wantKey
    ) {
      violations.push(
        `${namespace.name}: copies to ${configuration.destinationRegion} for ${configuration.snapshotRetentionPeriod} days, ` +
          `rule ${decision.rule.name} says ${want.region} for ${want.retentionDays}`,
      );
      continue;
    }
    protectedNamespaces += 1;
  }

  for (const name of configurationsOf.keys()) {
    if (!planned.has(name))
      violations.push(`${name}: a copy configuration for a namespace the plan never made`);
  }
  if (observed.requestsLeft > 0) {
    violations.push(`${observed.requestsLeft} messages still on the requests queue (not settled)`);
  }
  return {
    violations,
    protectedNamespaces,
    skippedNamespaces,
    deadLetteredNamespaces,
    repeatedDeadLetters,
    configurations: observed.configurations.length,
    creates: Object.values(observed.createCounts).reduce((sum, count) => sum + count, 0),
  };
}

/** The namespace a letter is about: its attribute, else the event it carries. */
function letterNamespace(
  letter: ObservedDeadLetter,
  namespaceOfEvent: ReadonlyMap<string, string>,
): string | undefined {
  const eventId = letter.attributes.EventId ?? eventIdOf(letter.body);
  const byEvent = eventId === undefined ? undefined : namespaceOfEvent.get(eventId);
  return byEvent ?? letter.attributes.Namespace;
}

function eventIdOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { id?: unknown };
    return typeof parsed.id === 'string' ? parsed.id : undefined;
  } catch {
    return undefined;
  }
}

function letterMismatch(letter: ObservedDeadLetter, expected: ExpectedLetter): string | undefined {
  const { Reason: reason, ErrorName: errorName } = letter.attributes;
  if (reason === undefined) return `redriven by SQS after maxReceiveCount, not dead-lettered with a reason`;
  if (reason !== expected.reason) return `dead-lettered with reason ${reason}, expected ${expected.reason}`;
  if (expected.errorName !== undefined && errorName !== expected.errorName) {
    return `dead-lettered with ${errorName}, expected ${expected.errorName}`;
  }
  return undefined;
}

function describeLetter(letter: ObservedDeadLetter): string {
  const { Reason, ErrorName, ErrorMessage } = letter.attributes;
  if (Reason === undefined) return `redriven after maxReceiveCount (${letter.body.slice(0, 120)})`;
  return `${Reason}${ErrorName === undefined ? '' : ` ${ErrorName}`}${ErrorMessage === undefined ? '' : `: ${ErrorMessage}`}`;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
