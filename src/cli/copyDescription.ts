import type { CopyConfiguration } from '../domain/copyConfiguration.js';
import type { CopyTarget } from '../domain/policy/types.js';
import { INDEFINITE_RETENTION } from '../domain/policy/types.js';

/** `us-west-2 7d`, `us-west-2 indefinite`, `us-west-2 30d kms:key/1234…`: one table cell. */
export function describeCopy(copy: CopyConfiguration | CopyTarget | undefined): string | undefined {
  if (copy === undefined) return undefined;
  const region = 'destinationRegion' in copy ? copy.destinationRegion : copy.region;
  const retention = copy.retentionDays === INDEFINITE_RETENTION ? 'indefinite' : `${copy.retentionDays}d`;
  const key =
    copy.kmsKeyId === undefined ? '' : ` kms:${copy.kmsKeyId.slice(copy.kmsKeyId.lastIndexOf(':') + 1)}`;
  return `${region} ${retention}${key}`;
}
