import { AwsServiceError } from '../../protocol/serviceError.js';
import type { JsonService, RequestContext } from '../../protocol/types.js';
import type { EventSink, ResettableService, ServiceOptions } from '../contracts.js';
import { cloudTrailEvent, type RecordedCall } from './cloudTrailRecord.js';
import { OPERATIONS, type Operation } from './operations.js';
import { RedshiftServerlessErrorCode, redshiftError } from './serviceErrors.js';
import { BusyRules, RedshiftServerlessStore } from './store.js';
import { validateRequest } from './validateRequest.js';

export interface RedshiftServerlessServiceOptions extends ServiceOptions {
  /** Where CloudTrail records of write calls go (the local EventBridge). */
  readonly events: EventSink;
  /** How long a deleted namespace answers DELETING before it is gone; 0 (default): gone at once. */
  readonly deletionSeconds?: number;
}

/** A snapshot copy configuration as reports and chaos tests see it. */
export interface SnapshotCopyConfigurationView {
  /** The account that holds the namespace and its configuration. */
  readonly account: string;
  readonly namespaceName: string;
  readonly sourceRegion: string;
  readonly destinationRegion: string;
  readonly destinationKmsKeyId: string;
  readonly snapshotRetentionPeriod: number;
  /** Epoch milliseconds, by the service's clock. */
  readonly createdAt: number;
}

/** The local Redshift Serverless: its awsJson1_1 API plus the control methods tests and the control API use. */
export interface RedshiftServerlessService extends JsonService, ResettableService {
  /**
   * Namespaces whose name matches the glob (`*`, `?`) answer MODIFYING for `seconds`: existing
   * ones from now, ones created while the rule stands from their creation. `seconds` 0 lifts
   * the rule of that pattern and ends the window of matching namespaces.
   */
  markBusy(namePattern: string, seconds: number): void;
  /**
   * Calls received per operation (failed ones included) since the last reset. Calls the edge
   * server's fault rules answer never reach the service and are not counted here.
   */
  callCounts(): Record<string, number>;
  /** Every account's copy configurations, account by account (in the order accounts were first used). */
  snapshotCopyConfigurations(): readonly SnapshotCopyConfigurationView[];
  /**
   * How many copy configurations were ever created per namespace name (deletions do not lower
   * it): in one account, or summed over every account when none is named (two accounts' namespaces
   * of the same name then count together).
   */
  createCounts(account?: string): Record<string, number>;
}

/**
 * Creates the local Redshift Serverless service (state in memory, time from `options.clock`).
 * State is kept per account: each request acts on the store of its caller's account (the
 * edge resolves it from the access key), and within it per region.
 */
export function createRedshiftServerlessService(
  options: RedshiftServerlessServiceOptions,
): RedshiftServerlessService {
  const deletionSeconds = options.deletionSeconds ?? 0;
  if (!Number.isFinite(deletionSeconds) || deletionSeconds < 0) {
    throw new RangeError(`deletionSeconds must be a non-negative number, got ${deletionSeconds}`);
  }
  const busyRules = new BusyRules();
  const stores = new Map<string, RedshiftServerlessStore>();
  const storeFor = (account: string): RedshiftServerlessStore => {
    let store = stores.get(account);
    if (store === undefined) {
      store = new RedshiftServerlessStore(options.clock, account, deletionSeconds * 1000, busyRules);
      stores.set(account, store);
    }
    return store;
  };
  const counts = new Map<string, number>();

  return {
    targetPrefix: 'RedshiftServerless',
    contentType: 'application/x-amz-json-1.1',
    handle(operationName, input, ctx) {
      counts.set(operationName, (counts.get(operationName) ?? 0) + 1);
      const operation = OPERATIONS[operationName];
      if (operation === undefined) {
        throw redshiftError(
          RedshiftServerlessErrorCode.UnknownOperation,
          `Operation ${operationName} is not supported by the local Redshift Serverless.`,
        );
      }
      const call = { name: operationName, operation, input, ctx };
      return runOperation(call, storeFor(ctx.account), options.events);
    },
    reset() {
      stores.clear();
      busyRules.clear();
      counts.clear();
    },
    markBusy(namePattern, seconds) {
      if (namePattern.length === 0) throw new RangeError('markBusy needs a non-empty name pattern');
      if (!Number.isFinite(seconds) || seconds < 0) {
        throw new RangeError(`markBusy seconds must be a non-negative number, got ${seconds}`);
      }
      const matcher = busyRules.set(namePattern, seconds * 1000);
      for (const store of stores.values()) store.markBusy(matcher, seconds * 1000);
    },
    callCounts: () => Object.fromEntries(counts),
    snapshotCopyConfigurations: () => [...stores.values()].flatMap(copyConfigurationViews),
    createCounts: (account) =>
      account === undefined
        ? summedCreateCounts(stores.values())
        : (stores.get(account)?.createCounts() ?? {}),
  };
}

/** One call of a known operation. */
interface OperationCall {
  readonly name: string;
  readonly operation: Operation;
  readonly input: Record<string, unknown>;
  readonly ctx: RequestContext;
}

/**
 * Validates the input against the model, runs the action, and records a write call as
 * CloudTrail does. CloudTrail records failed calls too; only CreateNamespace's are emitted,
 * so the automation's rule is proven to skip them (detail.errorCode present).
 */
function runOperation(call: OperationCall, store: RedshiftServerlessStore, events: EventSink): unknown {
  const { name, operation, input, ctx } = call;
  const at = store.now();
  const record = (outcome: Pick<RecordedCall, 'responseElements' | 'error'>): void =>
    events.emit(cloudTrailEvent({ eventName: name, ctx, at, requestParameters: input, ...outcome }));
  try {
    validateRequest(name, input);
    const output = operation.action(store, input, ctx);
    if (operation.write) record({ responseElements: output });
    return output;
  } catch (error) {
    if (name === 'CreateNamespace' && error instanceof AwsServiceError) {
      record({ error: { code: error.code, message: error.message } });
    }
    throw error;
  }
}

function copyConfigurationViews(store: RedshiftServerlessStore): SnapshotCopyConfigurationView[] {
  return store.listCopyConfigurations().map((configuration) => ({
    account: store.account,
    namespaceName: configuration.namespaceName,
    sourceRegion: configuration.sourceRegion,
    destinationRegion: configuration.destinationRegion,
    destinationKmsKeyId: configuration.destinationKmsKeyId,
    snapshotRetentionPeriod: configuration.snapshotRetentionPeriod,
    createdAt: configuration.createdAt,
  }));
}

function summedCreateCounts(stores: Iterable<RedshiftServerlessStore>): Record<string, number> {
  const summed: Record<string, number> = {};
  for (const store of stores) {
    for (const [name, count] of Object.entries(store.createCounts()))
      summed[name] = (summed[name] ?? 0) + count;
  }
  return summed;
}
