import { RedshiftServerlessErrorCode, redshiftError } from './serviceErrors.js';
import type { NamespaceRecord, RedshiftServerlessStore } from './store.js';

/**
 * The namespace a tagging call names by ARN. Namespaces are the only taggable resource here;
 * any other ARN (well-formed or not) is ResourceNotFoundException, as AWS answers an unknown one.
 */
export function requireTaggedResource(store: RedshiftServerlessStore, resourceArn: string): NamespaceRecord {
  const namespace = store.findNamespaceByArn(resourceArn);
  if (namespace === undefined) {
    throw redshiftError(RedshiftServerlessErrorCode.ResourceNotFound, `Resource ${resourceArn} not found.`);
  }
  return namespace;
}
