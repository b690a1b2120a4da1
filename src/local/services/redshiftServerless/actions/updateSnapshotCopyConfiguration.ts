import type { UpdateSnapshotCopyConfigurationRequest } from '@aws-sdk/client-redshift-serverless';
import { defineAction } from '../action.js';
import { requireChangeableCopyConfiguration } from '../requireCopyConfiguration.js';
import { copyConfigurationToWire } from '../wireShapes.js';

/** Changes the retention, the only setting AWS lets change (region and key are fixed). */
export const updateSnapshotCopyConfiguration = defineAction<UpdateSnapshotCopyConfigurationRequest>(
  (store, input, ctx) => {
    const configuration = requireChangeableCopyConfiguration(
      store,
      ctx.region,
      input.snapshotCopyConfigurationId ?? '',
    );
    if (input.snapshotRetentionPeriod !== undefined) {
      configuration.snapshotRetentionPeriod = input.snapshotRetentionPeriod;
    }
    return { snapshotCopyConfiguration: copyConfigurationToWire(configuration) };
  },
);
