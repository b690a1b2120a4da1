import type { DeleteSnapshotCopyConfigurationRequest } from '@aws-sdk/client-redshift-serverless';
import { defineAction } from '../action.js';
import { requireChangeableCopyConfiguration } from '../requireCopyConfiguration.js';
import { copyConfigurationToWire } from '../wireShapes.js';

/** Removes a copy configuration and answers it as it was. */
export const deleteSnapshotCopyConfiguration = defineAction<DeleteSnapshotCopyConfigurationRequest>(
  (store, input, ctx) => {
    const configuration = requireChangeableCopyConfiguration(
      store,
      ctx.region,
      input.snapshotCopyConfigurationId ?? '',
    );
    store.deleteCopyConfiguration(configuration.id);
    return { snapshotCopyConfiguration: copyConfigurationToWire(configuration) };
  },
);
