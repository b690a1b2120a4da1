import type { CreateSnapshotCopyConfigurationRequest } from '@aws-sdk/client-redshift-serverless';
import { partitionOfRegion } from '../../../accounts/partition.js';
import { defineAction } from '../action.js';
import { parseKmsKeyReference } from '../kmsKeyId.js';
import { partitionOfKnownRegion } from '../knownRegions.js';
import { requireAvailable, requireNamespace } from '../namespaceGuards.js';
import { RedshiftServerlessErrorCode, redshiftError } from '../serviceErrors.js';
import { copyConfigurationToWire } from '../wireShapes.js';

/** What AWS reports as the destination key when the caller names none. */
export const AWS_OWNED_KMS_KEY = 'AWS_OWNED_KMS_KEY';
/** Retention when the caller gives none: keep copied snapshots indefinitely. */
export const INDEFINITE_RETENTION = -1;

/**
 * Copies the namespace's snapshots to one other region of the same partition, encrypted with a
 * key of that region (https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-snapshots-recovery-points.html;
 * the model types region and key as plain strings, so these rules are stated here, in our words).
 * A namespace holds one configuration at most, whatever its region: a second one is a
 * ConflictException, never a replacement.
 */
export const createSnapshotCopyConfiguration = defineAction<CreateSnapshotCopyConfigurationRequest>(
  (store, input, ctx) => {
    const destinationRegion = input.destinationRegion ?? '';
    requireReachableRegion(ctx.region, destinationRegion);
    requireDestinationKey(input.destinationKmsKeyId, destinationRegion);
    const namespace = requireNamespace(store, ctx.region, input.namespaceName ?? '');
    requireAvailable(store, namespace);
    const existing = store.copyConfigurationsOf(namespace)[0];
    if (existing !== undefined) {
      throw redshiftError(
        RedshiftServerlessErrorCode.Conflict,
        `Namespace ${namespace.name} already has a snapshot copy configuration to ${existing.destinationRegion}.`,
      );
    }
    const configuration = store.addCopyConfiguration({
      namespaceName: namespace.name,
      sourceRegion: ctx.region,
      destinationRegion,
      destinationKmsKeyId: input.destinationKmsKeyId ?? AWS_OWNED_KMS_KEY,
      snapshotRetentionPeriod: input.snapshotRetentionPeriod ?? INDEFINITE_RETENTION,
    });
    return { snapshotCopyConfiguration: copyConfigurationToWire(configuration) };
  },
);

/**
 * A region AWS knows, other than the source, in the source's partition: a commercial-region
 * service cannot reach a China or GovCloud region, so there it is as unknown as a typo. The
 * source's partition is the one its namespace's ARN names (the local cloud answers in any
 * region a client signs for, known or not).
 */
function requireReachableRegion(sourceRegion: string, destinationRegion: string): void {
  const partition = partitionOfKnownRegion(destinationRegion);
  if (partition === undefined) {
    throw invalid(`The destination region ${destinationRegion} is not a valid AWS Region.`);
  }
  const sourcePartition = partitionOfRegion(sourceRegion);
  if (partition !== sourcePartition) {
    throw invalid(
      `The destination region ${destinationRegion} is not a valid AWS Region: it is in the ${partition} partition and snapshots of ${sourceRegion} (${sourcePartition}) can't be copied out of their partition.`,
    );
  }
  if (destinationRegion === sourceRegion) {
    throw invalid('The destination region must be different from the source region.');
  }
}

/**
 * A key ID, alias or ARN, and an ARN of the destination region in that region's partition (an
 * ARN such as arn:aws:kms:cn-northwest-1:… names no key: China's keys are arn:aws-cn); the key
 * itself is never echoed.
 */
function requireDestinationKey(keyId: string | undefined, destinationRegion: string): void {
  if (keyId === undefined) return;
  const reference = parseKmsKeyReference(keyId);
  if (reference.form === 'invalid') {
    throw invalid('The destination KMS key is not a valid KMS key ID, key ARN, alias name or alias ARN.');
  }
  if (reference.form !== 'arn') return;
  if (reference.region !== destinationRegion) {
    throw invalid(
      `The destination KMS key is in ${reference.region}; it must be in the destination region ${destinationRegion}.`,
    );
  }
  const partition = partitionOfRegion(destinationRegion);
  if (reference.partition !== partition) {
    throw invalid(
      `The destination KMS key ARN names the ${reference.partition} partition; keys of ${destinationRegion} are in ${partition}.`,
    );
  }
}

function invalid(message: string) {
  return redshiftError(RedshiftServerlessErrorCode.Validation, message);
}
