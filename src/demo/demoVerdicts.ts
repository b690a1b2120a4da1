/**
 * The demo's judgement: what it observed of each case and of `status`, against what
 * demoScenario.ts expects. Pure, so the rules are testable alone.
 */
import {
  type DemoCase,
  ExpectedOutcome,
  type ExpectedTarget,
  type StatusExpectation,
} from './demoScenario.js';

/** A copy configuration as found at the end: the account its ARN names, its destination, its retention. */
export interface ObservedConfiguration {
  readonly account: string;
  readonly region: string;
  readonly retentionDays: number;
}

/** What the demo observed of one case, gathered from the local cloud, the DLQ and the worker's logs. */
export interface CaseObservation {
  readonly account: string;
  readonly region: string;
  readonly namespace: string;
  /** The namespace's copy configurations at the end, listed in its own account and region. */
  readonly configurations: readonly ObservedConfiguration[];
  /** Copy configurations ever created for this name, per account (deletions do not lower it). */
  readonly creates: Readonly<Record<string, number>>;
  /** The dead letters of this namespace in this account. */
  readonly deadLetters: readonly { reason: string; errorName: string; message: string }[];
  readonly outcomes: readonly string[];
  readonly attempts: number;
  /**
   * The worker's TimeToProtection for this namespace, in seconds: from the event's time to the
   * configuration's creation, as the metric counts it (read from the worker's outcome log line).
   */
  readonly timeToProtectionSeconds?: number;
  /** From the end of the deletion by hand to the worker's `restored` log line, in seconds. */
  readonly restoredAfterSeconds?: number;
}

export interface Verdict {
  readonly ok: boolean;
  readonly problems: readonly string[];
}

export interface CaseVerdict extends Verdict {
  readonly namespace: string;
  readonly account: string;
  readonly region: string;
}

/** Compares what happened to a case's namespace with what should have. */
export function verifyCase(demoCase: DemoCase, observed: CaseObservation): CaseVerdict {
  const problems = [
    ...outcomeProblems(demoCase, observed),
    ...createProblems(demoCase, observed),
    ...followUpProblems(demoCase, observed),
  ];
  const { namespace, account, region } = demoCase;
  return { namespace, account, region, ok: problems.length === 0, problems };
}

/** The copy configurations each account must have seen created for the case's name. */
function expectedCreates(demoCase: DemoCase): Readonly<Record<string, number>> {
  return demoCase.creates ?? { [demoCase.account]: demoCase.expected === ExpectedOutcome.Protected ? 1 : 0 };
}

function outcomeProblems(demoCase: DemoCase, observed: CaseObservation): string[] {
  switch (demoCase.expected) {
    case ExpectedOutcome.Protected:
      return protectedProblems(demoCase, observed);
    case ExpectedOutcome.DeadLettered:
      return deadLetteredProblems(demoCase, observed);
    case ExpectedOutcome.Skipped:
      return [
        ...(observed.configurations.length > 0 ? ['was given a copy configuration'] : []),
        ...(observed.outcomes.includes('skipped') ? [] : ['no "skipped" outcome was logged']),
      ];
  }
}

function protectedProblems(demoCase: DemoCase, observed: CaseObservation): string[] {
  const { configurations } = observed;
  const problems: string[] = [];
  if (configurations.length !== 1) problems.push(`${configurations.length} copy configurations, expected 1`);
  const [configuration] = configurations;
  const want = demoCase.destination;
  if (configuration && configuration.account !== demoCase.account) {
    problems.push(`its configuration is in account ${configuration.account}, expected ${demoCase.account}`);
  }
  if (
    configuration &&
    want &&
    (configuration.region !== want.region || configuration.retentionDays !== want.retentionDays)
  ) {
    problems.push(
      `copies to ${configuration.region} for ${configuration.retentionDays} days, expected ${want.region} for ${want.retentionDays}`,
    );
  }
  if (observed.deadLetters.length > 0) {
    problems.push(`dead-lettered: ${observed.deadLetters.map(describeLetter).join('; ')}`);
  }
  if (demoCase.minAttempts && observed.attempts < demoCase.minAttempts) {
    problems.push(`${observed.attempts} attempts, expected at least ${demoCase.minAttempts}`);
  }
  return problems;
}

function deadLetteredProblems(demoCase: DemoCase, observed: CaseObservation): string[] {
  const problems: string[] = [];
  if (observed.configurations.length > 0) problems.push('has a copy configuration, expected none');
  const letters = observed.deadLetters;
  if (letters.length !== 1) problems.push(`${letters.length} DLQ messages, expected 1`);
  const want = demoCase.deadLetter;
  const [letter] = letters;
  if (letter && want && (letter.reason !== want.reason || letter.errorName !== want.errorName)) {
    problems.push(`dead-lettered as ${describeLetter(letter)}, expected ${want.reason} (${want.errorName})`);
  }
  return problems;
}

function describeLetter(letter: CaseObservation['deadLetters'][number]): string {
  return `${letter.reason} (${letter.errorName}: ${letter.message})`;
}

function createProblems(demoCase: DemoCase, observed: CaseObservation): string[] {
  return Object.entries(expectedCreates(demoCase))
    .filter(([account, count]) => (observed.creates[account] ?? 0) !== count)
    .map(
      ([account, count]) =>
        `created ${observed.creates[account] ?? 0} times in ${account}, expected ${count === 0 ? 'never' : `${count}`}`,
    );
}

function followUpProblems(demoCase: DemoCase, observed: CaseObservation): string[] {
  const followUp = demoCase.followUp;
  if (followUp?.kind !== 'delete-configuration') return [];
  const seconds = observed.restoredAfterSeconds;
  if (seconds === undefined) return ['its deleted configuration was not restored'];
  return seconds > followUp.restoredWithinSeconds
    ? [
        `restored ${seconds.toFixed(2)} s after the deletion, expected within ${followUp.restoredWithinSeconds} s`,
      ]
    : [];
}

/** What `status` did: its exit code and its per-target summary rows (as it printed them). */
export interface StatusObservation {
  readonly exitCode: number;
  readonly targets: readonly Readonly<Record<string, unknown>>[];
}

/** Compares `status`'s exit code and per-target summary with the expectation. */
export function verifyStatus(expected: StatusExpectation, observed: StatusObservation): Verdict {
  const problems: string[] = [];
  if (observed.exitCode !== expected.exitCode) {
    problems.push(`status exited ${observed.exitCode}, expected ${expected.exitCode} (${expected.why})`);
  }
  const places = (targets: readonly { account?: unknown; region?: unknown }[]) =>
    targets.map((target) => `${String(target.account)}/${String(target.region)}`).join(', ');
  if (places(observed.targets) !== places(expected.targets)) {
    problems.push(`status looked at ${places(observed.targets)}, expected ${places(expected.targets)}`);
  }
  for (const target of expected.targets) {
    const row = observed.targets.find(
      (candidate) => candidate.account === target.account && candidate.region === target.region,
    );
    if (row !== undefined) problems.push(...targetProblems(target, row));
  }
  return { ok: problems.length === 0, problems };
}

function targetProblems(target: ExpectedTarget, row: Readonly<Record<string, unknown>>): string[] {
  const where = `${target.account}/${target.region}`;
  const problems: string[] = [];
  const status = String(row.status);
  if (target.status === 'ok' ? status !== 'ok' : !isFailureWith(status, target.status.failedWith)) {
    problems.push(`${where}: status "${status}", expected ${JSON.stringify(target.status)}`);
  }
  if (target.namespaces !== undefined && row.namespaces !== target.namespaces) {
    problems.push(`${where}: ${String(row.namespaces)} namespaces, expected ${target.namespaces}`);
  }
  if (target.nonCompliant !== undefined && row['non-compliant'] !== target.nonCompliant) {
    problems.push(`${where}: ${String(row['non-compliant'])} non-compliant, expected ${target.nonCompliant}`);
  }
  return problems;
}

function isFailureWith(status: string, word: string): boolean {
  return status.startsWith('failed:') && status.includes(word);
}
