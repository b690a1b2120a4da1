import type { CreateNamespaceRequest } from '@aws-sdk/client-redshift-serverless';
import { defineAction } from '../action.js';
import {
  requireConsistentAdminCredentials,
  requireDefaultRoleAmongRoles,
  requireUnreservedName,
} from '../namespaceRules.js';
import { mergeTags } from '../resourceTags.js';
import { RedshiftServerlessErrorCode, redshiftError } from '../serviceErrors.js';
import { requireCustomerTagKeys } from '../tagRules.js';
import { namespaceToWire } from '../wireShapes.js';

/**
 * Creates a namespace; the password is accepted and never stored or returned. The request's
 * documented cross-member rules come first (namespaceRules.ts), as AWS checks the request
 * before it looks for a namespace of that name.
 */
export const createNamespace = defineAction<CreateNamespaceRequest>((store, input, ctx) => {
  const name = input.namespaceName ?? '';
  requireUnreservedName(name);
  requireConsistentAdminCredentials(input);
  requireDefaultRoleAmongRoles(input, 'create');
  requireCustomerTagKeys(input.tags ?? []);
  if (store.findNamespace(ctx.region, name) !== undefined) {
    throw redshiftError(RedshiftServerlessErrorCode.Conflict, 'Namespace already exists');
  }
  const tags = mergeTags(new Map(), input.tags ?? [], name);
  const namespace = store.addNamespace({
    name,
    region: ctx.region,
    adminUsername: input.adminUsername,
    dbName: input.dbName ?? 'dev',
    kmsKeyId: input.kmsKeyId ?? 'AWS_OWNED_KMS_KEY',
    defaultIamRoleArn: input.defaultIamRoleArn,
    iamRoles: [...(input.iamRoles ?? [])],
    logExports: [...(input.logExports ?? [])],
    tags,
  });
  return { namespace: namespaceToWire(store, namespace) };
});
