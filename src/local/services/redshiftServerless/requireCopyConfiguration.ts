import { RedshiftServerlessErrorCode, redshiftError } from './serviceErrors.js';
import type { CopyConfigurationRecord, RedshiftServerlessStore } from './store.js';

/** The copy configuration with this id in the caller's region, or ResourceNotFoundException. */
export function requireCopyConfiguration(
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
  return configuration;
}
