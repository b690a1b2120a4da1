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

/** ConflictException unless the namespace is AVAILABLE: AWS refuses changes while one is running. */
export function requireAvailable(store: RedshiftServerlessStore, namespace: NamespaceRecord): void {
  if (store.statusOf(namespace) !== NamespaceStatus.Available) {
    throw redshiftError(RedshiftServerlessErrorCode.Conflict, NAMESPACE_BUSY_MESSAGE);
  }
}
