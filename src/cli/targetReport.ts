import type { TargetResult } from './assessTargets.js';
import type { CommandContext } from './command.js';
import { explainFailure, failureContextOf } from './explainFailure.js';

/** `Name: message`, the way every failure is shown. */
export function describeError(error: Error): string {
  return `${error.name}: ${error.message}`;
}

/** `ok`, or why the target could not be looked at (in whole or in part). */
function targetStatus(result: TargetResult): string {
  if (result.error !== undefined) return `failed: ${describeError(result.error)}`;
  const unreadable = result.assessment?.unreadable.length ?? 0;
  if (unreadable > 0) return `incomplete: ${unreadable} namespace${unreadable === 1 ? '' : 's'} unreadable`;
  if (result.assessment?.stopped === true) return 'interrupted';
  return 'ok';
}

/** True when the target was not fully looked at: a runtime failure (exit code 3). */
export function targetFailed(result: TargetResult): boolean {
  return result.error !== undefined || (result.assessment?.unreadable.length ?? 0) > 0;
}

/** The per-(account, region) summary, one row per target, with the command's own columns. */
export function targetSummaryRows(
  results: readonly TargetResult[],
  extra: (result: TargetResult) => Record<string, unknown> = () => ({}),
): Record<string, unknown>[] {
  return results.map((result) => ({
    account: result.account,
    region: result.region,
    namespaces: result.assessment?.assessed,
    'non-compliant': result.assessment?.nonCompliant.length,
    ...extra(result),
    status: targetStatus(result),
  }));
}

/** The same summary as JSON. */
export function targetSummaryJson(result: TargetResult): Record<string, unknown> {
  return {
    account: result.account,
    region: result.region,
    status: result.error === undefined ? 'ok' : 'failed',
    error: result.error === undefined ? undefined : describeError(result.error),
    namespaces: result.assessment?.assessed,
    nonCompliant: result.assessment?.nonCompliant.length,
    unreadable: result.assessment?.unreadable.length,
    gone: result.assessment?.gone,
  };
}

/** `1 target` / `3 targets`. */
export function targetsCount(count: number): string {
  return `${count} target${count === 1 ? '' : 's'}`;
}

/**
 * A CSV row for each target that could not be looked at (verdict `target-failed`, the error in
 * `detail`), so an audit shows what was not checked rather than leaving it out.
 */
export function failedTargetRecords(results: readonly TargetResult[]): Record<string, unknown>[] {
  return results.flatMap((result) =>
    result.error === undefined
      ? []
      : [
          {
            account: result.account,
            region: result.region,
            verdict: 'target-failed',
            detail: describeError(result.error),
          },
        ],
  );
}

/**
 * After the report, one `error: …` line on stderr per distinct failure of the targets, with its
 * fix where the CLI knows one (nothing listening, no credentials, access denied…), the way a
 * command that fails as a whole says it.
 */
export function noteTargetFailures(
  results: readonly TargetResult[],
  values: Readonly<Record<string, unknown>>,
  context: CommandContext,
): void {
  const failure = failureContextOf(values, context.env);
  const messages = results.flatMap(({ error }) =>
    error === undefined ? [] : [explainFailure(error, failure) ?? describeError(error)],
  );
  for (const message of new Set(messages)) context.printer.note(`error: ${message}`);
}
