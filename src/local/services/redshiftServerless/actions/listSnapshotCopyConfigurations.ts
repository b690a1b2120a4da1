import type { ListSnapshotCopyConfigurationsRequest } from '@aws-sdk/client-redshift-serverless';
import { defineAction } from '../action.js';
import { requireNamespace } from '../namespaceGuards.js';
import { paginate } from '../pagination.js';
import { RedshiftServerlessErrorCode, redshiftError } from '../serviceErrors.js';
import { copyConfigurationToWire } from '../wireShapes.js';

/** The region's copy configurations, of one namespace when `namespaceName` is given (it must exist). */
export const listSnapshotCopyConfigurations = defineAction<ListSnapshotCopyConfigurationsRequest>(
  (store, input, ctx) => {
    const configurations =
      input.namespaceName === undefined
        ? store.listCopyConfigurations(ctx.region)
        : store.copyConfigurationsOf(requireNamespace(store, ctx.region, input.namespaceName));
    const page = paginate(
      configurations,
      (configuration) => configuration.sortKey,
      { maxResults: input.maxResults, nextToken: input.nextToken, defaultMaxResults: 100 },
      () => redshiftError(RedshiftServerlessErrorCode.InvalidPagination, 'Invalid nextToken provided.'),
    );
    return {
      snapshotCopyConfigurations: page.items.map(copyConfigurationToWire),
      nextToken: page.nextToken,
    };
  },
);
