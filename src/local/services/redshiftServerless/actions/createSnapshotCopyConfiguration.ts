import type { CreateSnapshotCopyConfigurationRequest } from '@aws-sdk/client-redshift-serverless';
import { defineAction } from '../action.js';
import { KNOWN_REGIONS } from '../knownRegions.js';
import { requireAvailable, requireNamespace } from '../namespaceGuards.js';
import { RedshiftServerlessErrorCode, redshiftError } from '../serviceErrors.js';
import { copyConfigurationToWire } from '../wireShapes.js';

/** What AWS reports as the destination key when the caller names none. */
export const AWS_OWNED_KMS_KEY = 'AWS_OWNED_KMS_KEY';
/** Retention when the caller gives none: keep copied snapshots indefinitely. */
export const INDEFINITE_RETENTION = -1;

const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):\d{12}:(key|alias)\/.+$/;

/**
 * Copies the namespace's snapshots to one other region. A namespace holds one configuration
 * at most, whatever its region: a second one is a ConflictException, never a replacement.
 */
export const createSnapshotCopyConfiguration = defineAction<CreateSnapshotCopyConfigurationRequest>(
  (store, input, ctx) => {
    const destinationRegion = input.destinationRegion ?? '';
    if (!KNOWN_REGIONS.has(destinationRegion)) {
      throw invalid(`The destination region ${destinationRegion} is not a valid AWS Region.`);
    }
    if (destinationRegion === ctx.region) {
      throw invalid('The destination region must be different from the source region.');
    }
    const keyRegion = input.destinationKmsKeyId?.match(KMS_KEY_ARN)?.[1];
    if (keyRegion !== undefined && keyRegion !== destinationRegion) {
      throw invalid(
        `The KMS key ${input.destinationKmsKeyId} is in ${keyRegion}; it must be in the destination region ${destinationRegion}.`,
      );
    }
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

function invalid(message: string) {
  return redshiftError(RedshiftServerlessErrorCode.Validation, message);
}
