import { NAMESPACE_BUSY_MESSAGE, RedshiftServerlessErrorCode, redshiftError } from './serviceErrors.js';
import { type NamespaceRecord, NamespaceStatus, type RedshiftServerlessStore } from './store.js';

/** The namespace called `name` in `region`, or ResourceNotFoundException. */
export function requireNamespace(
  store: RedshiftServerlessStore,
  region: string,
  name: string,
): NamespaceRecord {
  const namespace = store.findNamespace(region, name);
  if (namespace === undefined) {
    throw redshiftError(RedshiftServerlessErrorCode.ResourceNotFound, `Namespace ${name} not found.`);
  }
  return namespace;
}

/**
 * ConflictException unless the namespace is AVAILABLE: AWS refuses changes while an operation
 * runs on it (MODIFYING, DELETING), e.g. "ConflictException: There is an operation running on the
 * namespace. Try deleting the namespace again later." (quoted in terraform-provider-aws,
 * internal/service/redshiftserverless/namespace.go, which retries on it). States:
 * https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_Namespace.html (status).
 */
export function requireAvailable(store: RedshiftServerlessStore, namespace: NamespaceRecord): void {
  if (store.statusOf(namespace) !== NamespaceStatus.Available) {
    throw redshiftError(RedshiftServerlessErrorCode.Conflict, NAMESPACE_BUSY_MESSAGE);
  }
}
