import type { DeleteSnapshotCopyConfigurationRequest } from '@aws-sdk/client-redshift-serverless';
import { defineAction } from '../action.js';
import { requireAvailable, requireNamespace } from '../namespaceGuards.js';
import { requireCopyConfiguration } from '../requireCopyConfiguration.js';
import { copyConfigurationToWire } from '../wireShapes.js';

/** Removes a copy configuration and answers it as it was. */
export const deleteSnapshotCopyConfiguration = defineAction<DeleteSnapshotCopyConfigurationRequest>(
  (store, input, ctx) => {
    const configuration = requireCopyConfiguration(
      store,
      ctx.region,
      input.snapshotCopyConfigurationId ?? '',
    );
    requireAvailable(store, requireNamespace(store, ctx.region, configuration.namespaceName));
    store.deleteCopyConfiguration(configuration.id);
    return { snapshotCopyConfiguration: copyConfigurationToWire(configuration) };
  },
);
