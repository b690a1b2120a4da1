import { DeadLetterReason } from '../src/domain/deadLetterReason.js';
import type { Policy } from '../src/domain/policy/index.js';
import { resolvePolicy } from '../src/domain/policy/index.js';
import { ParseFailureReason } from '../src/events/errors.js';
import { namespaceKey } from './chaosLayout.js';
import {
  type ChaosCaseKind,
  type ChaosPlan,
  INVALID_KINDS,
  ChaosCaseKind as Kind,
  keyOf,
  type PlannedNamespace,
  REFUSED_KINDS,
} from './chaosPlan.js';
import { eventSubject, subjectKey } from './eventNamespace.js';
import { checkPlacement, type PlacementObservation } from './verifyPlacement.js';

/** What AWS reports as the destination key when the caller names none. */
const AWS_OWNED_KMS_KEY = 'AWS_OWNED_KMS_KEY';

export interface ObservedConfiguration {
  /** The account that holds the namespace and its configuration. */
  readonly account: string;
  readonly namespaceName: string;
  readonly sourceRegion: string;
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
export interface ChaosObservation extends PlacementObservation {
  readonly configurations: readonly ObservedConfiguration[];
  readonly deadLetters: readonly ObservedDeadLetter[];
  /** Which planned namespace (`account/region/name`) each event id was about (captured envelopes, PutEvents answers). */
  readonly namespaceOfEvent: ReadonlyMap<string, string>;
  /** Namespaces (`account/region/name`) the worker logged a `skipped` outcome for. */
  readonly skippedLogged: ReadonlySet<string>;
  /** Messages still on the requests queue, visible or not. */
  readonly requestsLeft: number;
  /** Namespaces (`account/region/name`) whose configuration was deleted by hand during the run. */
  readonly deletedByHand: ReadonlySet<string>;
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
  /** Protected namespaces without exactly the configuration their rule says. */
  readonly lost: number;
  /** Namespaces given more configurations than 1 (+1 after a deletion by hand). */
  readonly createdTwice: number;
  /** Actions, configurations or creates in an account or region other than the namespace's, or outside the scope. */
  readonly wrongPlace: number;
  /** Refused namespaces (unmanaged account, region outside the scope, role missing) in the DLQ with the expected reason, by reason. */
  readonly refusedInDlq: Readonly<Record<string, number>>;
  /** Configurations deleted by hand and back as the policy says at the end. */
  readonly restored: number;
}

interface ExpectedLetter {
  readonly reason: string;
  readonly errorName?: string;
}

const EXPECTED_LETTERS: Record<Exclude<ChaosCaseKind, 'protected' | 'skipped'>, ExpectedLetter> = {
  [Kind.Rejected]: { reason: DeadLetterReason.NonRetryableError, errorName: 'ValidationException' },
  [Kind.Missing]: { reason: DeadLetterReason.NonRetryableError, errorName: 'ResourceNotFoundException' },
  [Kind.Malformed]: { reason: ParseFailureReason.InvalidRequest },
  [Kind.UnmanagedAccount]: { reason: DeadLetterReason.AccountNotManaged, errorName: 'AccountNotManaged' },
  [Kind.UnmanagedRegion]: { reason: DeadLetterReason.RegionNotManaged, errorName: 'RegionNotManaged' },
  // STS's own answer names the refusal: the member role does not let the worker in.
  [Kind.RoleMissing]: { reason: DeadLetterReason.AccountNotManaged, errorName: 'AccessDenied' },
};

/** Counters the per-namespace checks add to. */
interface Tally {
  readonly violations: string[];
  protectedNamespaces: number;
  skippedNamespaces: number;
  deadLetteredNamespaces: number;
  repeatedDeadLetters: number;
  lost: number;
  createdTwice: number;
  restored: number;
  readonly refusedInDlq: Record<string, number>;
}

/**
 * Checks the promises of the chaos run against the final state: every valid namespace has
 * exactly one copy configuration, the one its policy rule says (a skipped one none), and one
 * deleted by hand has it back; every invalid or refused one is in the DLQ with its reason;
 * nothing was created twice; nothing was done in an account or region other than the
 * namespace's, or outside the scope; nothing is left on the requests queue and no letter is
 * unaccounted for. Pure.
 */
export function verifyChaos(plan: ChaosPlan, policy: Policy, observed: ChaosObservation): ChaosVerdict {
  const tally: Tally = {
    violations: [],
    protectedNamespaces: 0,
    skippedNamespaces: 0,
    deadLetteredNamespaces: 0,
    repeatedDeadLetters: 0,
    lost: 0,
    createdTwice: 0,
    restored: 0,
    refusedInDlq: {},
  };
  const configurationsOf = groupBy(observed.configurations, (configuration) =>
    namespaceKey(configuration.account, configuration.sourceRegion, configuration.namespaceName),
  );
  const lettersOf = lettersByNamespace(plan, observed, tally.violations);
  for (const namespace of plan.namespaces) {
    const key = keyOf(namespace);
    const creates = observed.createCounts[namespace.account]?.[namespace.name] ?? 0;
    const allowed = namespace.kind === Kind.Protected && observed.deletedByHand.has(key) ? 2 : 1;
    if (creates > allowed) {
      tally.createdTwice += 1;
      tally.violations.push(`${key}: copy configuration created ${creates} times`);
    }
    const found = { configurations: configurationsOf.get(key) ?? [], letters: lettersOf.get(key) ?? [] };
    if (INVALID_KINDS.has(namespace.kind)) checkInvalid(namespace, found, tally);
    else checkValid(namespace, found, policy, observed, tally);
  }
  const wrongPlace = checkPlacement(plan, observed, tally.violations);
  if (observed.requestsLeft > 0) {
    tally.violations.push(`${observed.requestsLeft} messages still on the requests queue (not settled)`);
  }
  const { violations, ...counts } = tally;
  return {
    violations,
    ...counts,
    wrongPlace,
    configurations: observed.configurations.length,
    creates: Object.values(observed.createCounts)
      .flatMap((counts) => Object.values(counts))
      .reduce((sum, count) => sum + count, 0),
  };
}

interface Found {
  readonly configurations: readonly ObservedConfiguration[];
  readonly letters: readonly ObservedDeadLetter[];
}

function checkInvalid(namespace: PlannedNamespace, found: Found, tally: Tally): void {
  const key = keyOf(namespace);
  const expected = EXPECTED_LETTERS[namespace.kind as keyof typeof EXPECTED_LETTERS];
  if (found.configurations.length > 0)
    tally.violations.push(`${key} (${namespace.kind}): has a copy configuration`);
  if (found.letters.length === 0) {
    tally.violations.push(`${key} (${namespace.kind}): not in the DLQ`);
    return;
  }
  const problems = found.letters.map((letter) => letterMismatch(letter, expected));
  for (const problem of problems) {
    if (problem !== undefined) tally.violations.push(`${key} (${namespace.kind}): ${problem}`);
  }
  tally.deadLetteredNamespaces += 1;
  tally.repeatedDeadLetters += found.letters.length - 1;
  if (REFUSED_KINDS.has(namespace.kind) && problems.every((problem) => problem === undefined)) {
    const label =
      expected.errorName === undefined ? expected.reason : `${expected.reason}/${expected.errorName}`;
    tally.refusedInDlq[label] = (tally.refusedInDlq[label] ?? 0) + 1;
  }
}

function checkValid(
  namespace: PlannedNamespace,
  found: Found,
  policy: Policy,
  observed: ChaosObservation,
  tally: Tally,
): void {
  const key = keyOf(namespace);
  for (const letter of found.letters) {
    tally.violations.push(`${key} (${namespace.kind}): dead-lettered: ${describeLetter(letter)}`);
  }
  const decision = resolvePolicy(policy, namespace);
  if (namespace.kind === Kind.Skipped) {
    if (decision.kind !== 'skip')
      tally.violations.push(`${key}: planned as skipped, policy says ${decision.kind}`);
    if (found.configurations.length > 0) tally.violations.push(`${key} (skipped): has a copy configuration`);
    if (!observed.skippedLogged.has(key)) tally.violations.push(`${key} (skipped): never handled`);
    else tally.skippedNamespaces += 1;
    return;
  }
  const problem = protectionProblem(found.configurations, decision);
  if (problem !== undefined) {
    tally.lost += 1;
    const deleted = observed.deletedByHand.has(key)
      ? ' (its configuration was deleted by hand: not restored)'
      : '';
    tally.violations.push(`${key}: ${problem}${deleted}`);
    return;
  }
  tally.protectedNamespaces += 1;
  if (observed.deletedByHand.has(key)) tally.restored += 1;
}

/** Why a protected namespace's configurations are not exactly what its rule says; undefined when they are. */
function protectionProblem(
  configurations: readonly ObservedConfiguration[],
  decision: ReturnType<typeof resolvePolicy>,
): string | undefined {
  if (decision.kind !== 'copy') return `planned as protected, policy says ${decision.kind}`;
  if (configurations.length !== 1) return `${configurations.length} copy configurations, expected exactly 1`;
  const [configuration] = configurations as [ObservedConfiguration];
  const want = decision.desired;
  const matches =
    configuration.destinationRegion === want.region &&
    configuration.snapshotRetentionPeriod === want.retentionDays &&
    (configuration.destinationKmsKeyId ?? AWS_OWNED_KMS_KEY) === (want.kmsKeyId ?? AWS_OWNED_KMS_KEY);
  if (matches) return undefined;
  return (
    `copies to ${configuration.destinationRegion} for ${configuration.snapshotRetentionPeriod} days, ` +
    `rule ${decision.rule.name} says ${want.region} for ${want.retentionDays}`
  );
}

/** The letters per planned namespace; a letter about nothing planned is a violation. */
function lettersByNamespace(
  plan: ChaosPlan,
  observed: ChaosObservation,
  violations: string[],
): Map<string, ObservedDeadLetter[]> {
  const planned = new Set(plan.namespaces.map(keyOf));
  const lettersOf = new Map<string, ObservedDeadLetter[]>();
  for (const letter of observed.deadLetters) {
    const key = letterNamespace(letter, observed.namespaceOfEvent);
    if (key === undefined || !planned.has(key)) {
      violations.push(`unexpected dead letter: ${describeLetter(letter)}`);
      continue;
    }
    lettersOf.set(key, [...(lettersOf.get(key) ?? []), letter]);
  }
  return lettersOf;
}

/** The namespace (`account/region/name`) a letter is about: by its event, else by what its body names. */
function letterNamespace(
  letter: ObservedDeadLetter,
  namespaceOfEvent: ReadonlyMap<string, string>,
): string | undefined {
  const subject = eventSubject(letter.body);
  const eventId = letter.attributes.EventId ?? subject.eventId;
  const byEvent = eventId === undefined ? undefined : namespaceOfEvent.get(eventId);
  return (
    byEvent ?? subjectKey({ ...subject, namespaceName: letter.attributes.Namespace ?? subject.namespaceName })
  );
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
