import { requireAvailable, requireNamespace } from './namespaceGuards.js';
import { RedshiftServerlessErrorCode, redshiftError } from './serviceErrors.js';
import type { CopyConfigurationRecord, RedshiftServerlessStore } from './store.js';

/**
 * The copy configuration with this id in the caller's region, ready to be changed or deleted:
 * ResourceNotFoundException when there is none, ConflictException while its namespace is busy.
 */
export function requireChangeableCopyConfiguration(
  store: RedshiftServerlessStore,
  region: string,
  id: string,
): CopyConfigurationRecord {
  const configuration = store.findCopyConfiguration(region, id);
  if (configuration === undefined) {
    throw redshiftError(
      RedshiftServerlessErrorCode.ResourceNotFound,
      `Snapshot copy configuration ${id} not found.`,
    );
  }
  requireAvailable(store, requireNamespace(store, region, configuration.namespaceName));
  return configuration;
}
