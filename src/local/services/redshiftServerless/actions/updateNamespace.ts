import type { UpdateNamespaceRequest } from '@aws-sdk/client-redshift-serverless';
import { defineAction } from '../action.js';
import { requireAvailable, requireNamespace } from '../namespaceGuards.js';
import {
  requireConsistentAdminCredentials,
  requireDefaultRoleAmongRoles,
  requireOneConfigurationChange,
} from '../namespaceRules.js';
import { namespaceToWire } from '../wireShapes.js';

/**
 * Changes one group of settings of an AVAILABLE namespace (the password is accepted and
 * dropped), after the documented rules on what one request may change (namespaceRules.ts).
 */
export const updateNamespace = defineAction<UpdateNamespaceRequest>((store, input, ctx) => {
  requireConsistentAdminCredentials(input);
  requireOneConfigurationChange(input);
  requireDefaultRoleAmongRoles(input, 'update');
  const namespace = requireNamespace(store, ctx.region, input.namespaceName ?? '');
  requireAvailable(store, namespace);
  if (input.adminUsername !== undefined) namespace.adminUsername = input.adminUsername;
  if (input.kmsKeyId !== undefined) namespace.kmsKeyId = input.kmsKeyId;
  if (input.defaultIamRoleArn !== undefined) namespace.defaultIamRoleArn = input.defaultIamRoleArn;
  if (input.iamRoles !== undefined) namespace.iamRoles = [...input.iamRoles];
  if (input.logExports !== undefined) namespace.logExports = [...input.logExports];
  return { namespace: namespaceToWire(store, namespace) };
});
