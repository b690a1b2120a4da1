import type { GetNamespaceRequest } from '@aws-sdk/client-redshift-serverless';
import { defineAction } from '../action.js';
import { requireNamespace } from '../namespaceGuards.js';
import { namespaceToWire } from '../wireShapes.js';

export const getNamespace = defineAction<GetNamespaceRequest>((store, input, ctx) => ({
  namespace: namespaceToWire(store, requireNamespace(store, ctx.region, input.namespaceName ?? '')),
}));
