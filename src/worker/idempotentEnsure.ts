import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { CopySettings } from '../domain/copyConfiguration.js';
import type { EnsureOutcome } from '../domain/outcome.js';
import type { ExistingConfigurationMode } from '../domain/policy/types.js';
import { type CopyConfigurationPort, ensureCopyConfiguration } from './ensureCopyConfiguration.js';

/**
 * The idempotency key: the EventBridge event id plus the desired state (the namespace and the
 * copy the policy wants for it). Never the SQS message id: EventBridge may deliver one event
 * twice as two SQS messages. A new event for the same namespace (an operator's trigger after
 * someone deleted the configuration, a sweep) has another id and runs again; a changed policy
 * changes the desired copy and runs again too. Powertools hashes it with its keys sorted, and
 * JSON leaves out an undefined `kmsKeyId`: an AWS-owned key and a customer key hash apart.
 */
export interface EnsureKey {
  readonly eventId: string;
  /** The namespace by account, region and name (never its ARN, which not every request knows). */
  readonly namespace: { readonly account: string; readonly region: string; readonly name: string };
  readonly desired: CopySettings;
}

/** What the idempotent unit needs besides its key; not hashed. */
export interface EnsureContext {
  readonly port: CopyConfigurationPort;
  readonly onExisting: ExistingConfigurationMode;
}

/** An ensure result, marked `duplicate` when it was replayed from the idempotency store. */
export type IdempotentEnsureResult = EnsureOutcome & { readonly duplicate?: boolean };

export type IdempotentEnsure = (key: EnsureKey, context: EnsureContext) => Promise<IdempotentEnsureResult>;

export interface IdempotentEnsureOptions {
  readonly dynamoDb: DynamoDBClient;
  readonly tableName: string;
  readonly expiresAfterSeconds: number;
}

/** The idempotent unit plus its config, whose Lambda context the handler registers per invocation. */
export interface IdempotentEnsureUnit {
  readonly ensure: IdempotentEnsure;
  readonly config: IdempotencyConfig;
}

/**
 * Wraps `ensureCopyConfiguration` with Powertools idempotency persisted in DynamoDB (default
 * attribute names `id`, `expiration`, …). A failed run deletes its in-progress record, so a
 * retry after ConflictException runs again; a second delivery while the first runs gets
 * IdempotencyAlreadyInProgressError, which the worker retries.
 */
export function createIdempotentEnsure(options: IdempotentEnsureOptions): IdempotentEnsureUnit {
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: options.tableName,
    awsSdkV3Client: options.dynamoDb,
  });
  const config = new IdempotencyConfig({
    expiresAfterSeconds: options.expiresAfterSeconds,
    // Replays are reported but not counted again.
    responseHook: (response) =>
      typeof response === 'object' && response !== null && !Array.isArray(response)
        ? { ...response, duplicate: true }
        : response,
  });
  const run = async (key: EnsureKey, context: EnsureContext): Promise<IdempotentEnsureResult> =>
    storable(
      await ensureCopyConfiguration(context.port, {
        namespaceName: key.namespace.name,
        desired: key.desired,
        onExisting: context.onExisting,
      }),
    );
  const ensure = makeIdempotent(run, {
    persistenceStore,
    config,
    // Stable across function renames and stages: the table is per stage already.
    keyPrefix: 'copy-autopilot.ensureCopyConfiguration',
    dataIndexArgument: 0,
  });
  return { ensure, config };
}

/**
 * The outcome as the idempotency store can hold it: Powertools marshalls it into a DynamoDB map,
 * whose marshaller refuses an undefined member (an AWS-owned key's `kmsKeyId`, say), so it is
 * stored the way JSON carries it, without them. A replay returns exactly what was stored.
 */
function storable(outcome: EnsureOutcome): EnsureOutcome {
  return JSON.parse(JSON.stringify(outcome)) as EnsureOutcome;
}
