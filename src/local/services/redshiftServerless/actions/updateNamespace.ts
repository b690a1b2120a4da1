import type { UpdateNamespaceRequest } from '@aws-sdk/client-redshift-serverless';
import { defineAction } from '../action.js';
import { requireAvailable, requireNamespace } from '../namespaceGuards.js';
import { namespaceToWire } from '../wireShapes.js';

/** Changes the given settings of an AVAILABLE namespace (the password is accepted and dropped). */
export const updateNamespace = defineAction<UpdateNamespaceRequest>((store, input, ctx) => {
  const namespace = requireNamespace(store, ctx.region, input.namespaceName ?? '');
  requireAvailable(store, namespace);
  if (input.adminUsername !== undefined) namespace.adminUsername = input.adminUsername;
  if (input.kmsKeyId !== undefined) namespace.kmsKeyId = input.kmsKeyId;
  if (input.defaultIamRoleArn !== undefined) namespace.defaultIamRoleArn = input.defaultIamRoleArn;
  if (input.iamRoles !== undefined) namespace.iamRoles = [...input.iamRoles];
  if (input.logExports !== undefined) namespace.logExports = [...input.logExports];
  return { namespace: namespaceToWire(store, namespace) };
});
