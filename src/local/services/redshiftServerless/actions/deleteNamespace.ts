import type { DeleteNamespaceRequest } from '@aws-sdk/client-redshift-serverless';
import { defineAction } from '../action.js';
import { requireAvailable, requireNamespace } from '../namespaceGuards.js';
import { namespaceToWire } from '../wireShapes.js';

/** Answers the namespace as DELETING; it (and its copy configurations) are gone after that. */
export const deleteNamespace = defineAction<DeleteNamespaceRequest>((store, input, ctx) => {
  const namespace = requireNamespace(store, ctx.region, input.namespaceName ?? '');
  requireAvailable(store, namespace);
  store.deleteNamespace(namespace);
  return { namespace: namespaceToWire(store, namespace) };
});
