import type { ListNamespacesRequest } from '@aws-sdk/client-redshift-serverless';
import { defineAction } from '../action.js';
import { paginate } from '../pagination.js';
import { RedshiftServerlessErrorCode, redshiftError } from '../serviceErrors.js';
import { namespaceToWire } from '../wireShapes.js';

/** Namespaces of the caller's region in creation order, 100 a page unless asked for fewer. */
export const listNamespaces = defineAction<ListNamespacesRequest>((store, input, ctx) => {
  const page = paginate(
    store.listNamespaces(ctx.region),
    (namespace) => namespace.sortKey,
    { maxResults: input.maxResults, nextToken: input.nextToken, defaultMaxResults: 100 },
    () => redshiftError(RedshiftServerlessErrorCode.Validation, 'Invalid nextToken provided.'),
  );
  return {
    namespaces: page.items.map((namespace) => namespaceToWire(store, namespace)),
    nextToken: page.nextToken,
  };
});
