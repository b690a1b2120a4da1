import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { ListNamespacesCommand, type RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { createConcurrencyLimiter } from '../src/aws/concurrencyLimiter.js';
import { RedshiftServerlessAdapter } from '../src/aws/redshiftServerlessAdapter.js';
import { evaluateCompliance, isCompliant } from '../src/domain/compliance/evaluateCompliance.js';
import { NAMESPACE_ARN_PATTERN } from '../src/domain/identifiers.js';
import type { Policy } from '../src/domain/policy/types.js';
import { type ProtectionRequest, requestProtection } from '../src/sweep/requestProtection.js';

/**
 * BENCH-ONLY BASELINE, not product code: "today's single-region sweep" as it was before the
 * fan-out (commit 5a56040: src/aws/namespaceInventory.ts + src/sweep/sweepRegion.ts, the
 * single `sweep` Lambda), reproduced so the organization bench can time it side by side with
 * the fan-out against the same local cloud. Its algorithm, call for call: ListNamespaces in pages
 * of 100 and, for every namespace listed (`concurrency` at a time, started while the pages come
 * in), one ListTagsForResource and one ListSnapshotCopyConfigurations filtered on its name
 * (2.01 Redshift Serverless calls per namespace, 2.11 with the PutEvents); then one
 * `Snapshot Copy Requested` event per non-compliant namespace, ten a PutEvents. It uses today's
 * adapters and compliance rules, so only the calls differ from the fan-out's sweepTarget. Its
 * deployed pacing (10 calls/s) is left out: the bench times it at full speed, its best case.
 */
export interface SweepBeforeFanOutOptions {
  /** A client of the swept (account, region). */
  readonly client: RedshiftServerlessClient;
  readonly region: string;
  readonly policy: Policy;
  /** Namespaces read at once (the old function's SWEEP_CONCURRENCY was 4). */
  readonly concurrency: number;
  readonly eventBridge: EventBridgeClient;
  readonly busName: string;
}

export interface SweepBeforeFanOutResult {
  readonly assessed: number;
  readonly nonCompliant: number;
  readonly requested: number;
  readonly failed: number;
}

/** One region swept the way the single `sweep` function did it before the fan-out. */
export async function sweepBeforeFanOut(options: SweepBeforeFanOutOptions): Promise<SweepBeforeFanOutResult> {
  const limit = createConcurrencyLimiter(options.concurrency);
  const reads: Promise<ProtectionRequest | undefined>[] = [];
  let nextToken: string | undefined;
  do {
    const page = await options.client.send(new ListNamespacesCommand({ maxResults: 100, nextToken }));
    nextToken = page.nextToken === '' ? undefined : page.nextToken;
    for (const listed of page.namespaces ?? []) {
      const { namespaceName: name, namespaceArn: arn } = listed;
      if (name === undefined || arn === undefined) continue;
      reads.push(limit(() => judgeNamespace(name, arn, options)));
    }
  } while (nextToken !== undefined);
  const judged = await Promise.all(reads);
  const nonCompliant = judged.filter((request): request is ProtectionRequest => request !== undefined);
  const { requested, failed } = await requestProtection(nonCompliant, {
    client: options.eventBridge,
    busName: options.busName,
  });
  return {
    assessed: judged.length,
    nonCompliant: nonCompliant.length,
    requested: requested.length,
    failed: failed.length,
  };
}

/** Tags and copy configurations of one namespace (two calls), judged: a request when non-compliant. */
async function judgeNamespace(
  name: string,
  arn: string,
  options: SweepBeforeFanOutOptions,
): Promise<ProtectionRequest | undefined> {
  const account = NAMESPACE_ARN_PATTERN.exec(arn)?.[3] ?? '';
  const adapter = new RedshiftServerlessAdapter(options.client, { account, region: options.region });
  const tags = await adapter.listTags(arn);
  // Deleted since the listing: the old inventory reported it gone and judged nothing.
  if (tags === undefined) return undefined;
  const configurations = await adapter.listCopyConfigurations(name);
  const namespace = { name, account, region: options.region, arn, tags };
  const { verdict } = evaluateCompliance(namespace, configurations, options.policy);
  if (isCompliant(verdict)) return undefined;
  return { namespaceName: name, account, region: options.region, namespaceArn: arn };
}
