import { CopyAutopilotError } from '../domain/errors.js';
import type { CapturedLine, LocalAutomation } from '../local/index.js';
import type { DemoClients } from './demoClients.js';
import type { DemoCase } from './demoScenario.js';

/** A final or retried outcome the copy worker logged. */
export interface OutcomeLine {
  /** The account the record named (absent when parsing did not get that far). */
  readonly account?: string;
  readonly namespace: string;
  readonly outcome: string;
  readonly attempts: number;
  /** When the worker logged it, epoch milliseconds. */
  readonly at: number;
  readonly timeToProtectionSeconds?: number;
}

/** What every step of a run shares. */
export interface DemoRun {
  readonly automation: LocalAutomation;
  readonly clients: DemoClients;
  /** Every outcome line the worker logged so far, in order. */
  readonly outcomes: OutcomeLine[];
  /** Seconds from a deletion by hand to the worker's `restored` line, per case (caseKey). */
  readonly restores: Map<string, number>;
  readonly progress: (line: string) => void;
}

/** A case's identity: two accounts may hold namespaces of the same name. */
export function caseKey(demoCase: Pick<DemoCase, 'account' | 'namespace'>): string {
  return `${demoCase.account}/${demoCase.namespace}`;
}

/** The worker's outcome lines for a case's namespace in its account. */
export function outcomesOf(run: Pick<DemoRun, 'outcomes'>, demoCase: DemoCase): OutcomeLine[] {
  return run.outcomes.filter(
    (line) => line.namespace === demoCase.namespace && line.account === demoCase.account,
  );
}

/** Keeps a worker log line that is an outcome, and says so on the progress output. */
export function recordOutcome(
  line: CapturedLine,
  outcomes: OutcomeLine[],
  progress: (line: string) => void,
): void {
  const parsed = outcomeLine(line.record);
  if (!parsed) return;
  outcomes.push(parsed);
  progress(
    `  worker: ${parsed.namespace} (${parsed.account ?? '?'}) → ${parsed.outcome} (attempt ${parsed.attempts})`,
  );
}

/**
 * The worker's outcome line. For a first protection it carries the event's time
 * (`requestedAt`) and the log line its own (`timestamp`): their difference is the
 * TimeToProtection the worker put in its metric for this namespace.
 */
function outcomeLine(record: Record<string, unknown>): OutcomeLine | undefined {
  if (typeof record.outcome !== 'string' || typeof record.namespace !== 'string') return undefined;
  const logged = Date.parse(String(record.timestamp));
  const line = {
    account: typeof record.account === 'string' ? record.account : undefined,
    namespace: record.namespace,
    outcome: record.outcome,
    attempts: Number(record.attempts ?? 1),
    at: Number.isFinite(logged) ? logged : Date.now(),
  };
  if (record.outcome !== 'protected' || record.duplicate === true) return line;
  const seconds = (logged - Date.parse(String(record.requestedAt))) / 1000;
  return Number.isFinite(seconds) ? { ...line, timeToProtectionSeconds: Math.max(0, seconds) } : line;
}

/** Polls `found` every 100 ms until it gives a value or the deadline passes. */
export async function waitFor<T>(found: () => T | undefined, deadline: number): Promise<T | undefined> {
  for (;;) {
    const value = found();
    if (value !== undefined || performance.now() >= deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A queue of serverless.yml by its logical id; the demo cannot run without it. */
export function deployedQueue(automation: LocalAutomation, logicalId: string) {
  const queue = automation.deployment.queues[logicalId];
  if (!queue) throw new CopyAutopilotError(`serverless.yml declares no ${logicalId}: the demo needs it`);
  return queue;
}
