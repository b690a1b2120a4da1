import { type CopySettings, describeRetention } from '../domain/copyConfiguration.js';

/** `us-west-2 7d`, `us-west-2 indefinite`, `us-west-2 30d kms:key/1234…`: one table cell. */
export function describeCopy(copy: CopySettings | undefined): string | undefined {
  if (copy === undefined) return undefined;
  const { region } = copy;
  const retention = describeRetention(copy.retentionDays, 'short');
  const key =
    copy.kmsKeyId === undefined ? '' : ` kms:${copy.kmsKeyId.slice(copy.kmsKeyId.lastIndexOf(':') + 1)}`;
  return `${region} ${retention}${key}`;
}
