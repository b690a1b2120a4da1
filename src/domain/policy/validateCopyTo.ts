import { isAwsRegion, partitionOf } from '../awsRegions.js';
import { type CopySettings, INDEFINITE_RETENTION } from '../copyConfiguration.js';
import { KMS_ALIAS_NAME_PATTERN, KMS_ARN_PATTERN, KMS_KEY_ID_PATTERN } from '../identifiers.js';
import { describeValue, isMapping, reportUnknownKeys } from './documentShape.js';
import { CrossFieldCheck } from './errors.js';
import { type ReportIssue, trackingReporter } from './issueReporter.js';

const COPY_TO_KEYS = ['region', 'kmsKeyId', 'retentionDays'] as const;

/** The range CreateSnapshotCopyConfiguration accepts for `snapshotRetentionPeriod`. */
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3653;

/**
 * Checks a rule's `copyTo` against what CreateSnapshotCopyConfiguration will accept, so a
 * policy fails at build time rather than as a ValidationException on the first namespace.
 * `sourceRegions` is the rule's match restriction, when it has one: the destination may not
 * be one of them. Returns the settings only when they are entirely valid.
 */
export function validateCopyTo(
  raw: unknown,
  at: readonly (string | number)[],
  sourceRegions: readonly string[] | undefined,
  report: ReportIssue,
): CopySettings | undefined {
  if (!isMapping(raw)) {
    report(
      at,
      `must be a mapping with region and, optionally, kmsKeyId and retentionDays; got ${describeValue(raw)}`,
    );
    return undefined;
  }
  const tracker = trackingReporter(report);
  const fail = tracker.report;
  reportUnknownKeys(raw, COPY_TO_KEYS, at, fail);

  const region = validateDestinationRegion(raw.region, [...at, 'region'], sourceRegions, fail);
  const kmsKeyId =
    raw.kmsKeyId === undefined
      ? undefined
      : validateKmsKeyId(raw.kmsKeyId, [...at, 'kmsKeyId'], region, fail);
  const retentionDays = validateRetention(raw.retentionDays, [...at, 'retentionDays'], fail);

  if (!tracker.valid() || region === undefined || retentionDays === undefined) return undefined;
  return Object.freeze({ region, kmsKeyId, retentionDays });
}

function validateDestinationRegion(
  raw: unknown,
  at: readonly (string | number)[],
  sourceRegions: readonly string[] | undefined,
  report: ReportIssue,
): string | undefined {
  if (raw === undefined) {
    report(at, 'required: the region snapshots are copied to');
    return undefined;
  }
  if (typeof raw !== 'string') {
    report(at, `must be a region name such as "us-west-2"; got ${describeValue(raw)}`);
    return undefined;
  }
  if (!isAwsRegion(raw)) {
    report(at, `unknown region "${raw}"`);
    return undefined;
  }
  if (sourceRegions?.includes(raw)) {
    report(
      at,
      `destination ${raw} is also listed in match.sourceRegions (a snapshot cannot be copied to its own region)`,
      CrossFieldCheck.DestinationNotSource,
    );
    return undefined;
  }
  const partition = partitionOf(raw);
  const foreign = sourceRegions?.find((source) => isAwsRegion(source) && partitionOf(source) !== partition);
  if (foreign !== undefined) {
    report(
      at,
      `${raw} (partition ${partition}) cannot receive copies from ${foreign} (partition ${partitionOf(foreign)}): snapshot copies stay inside their partition`,
      CrossFieldCheck.DestinationNotSource,
    );
    return undefined;
  }
  return raw;
}

function validateKmsKeyId(
  raw: unknown,
  at: readonly (string | number)[],
  destination: string | undefined,
  report: ReportIssue,
): string | undefined {
  if (typeof raw !== 'string' || raw === '') {
    report(at, `must be a KMS key ARN, alias ARN, key id or alias name; got ${describeValue(raw)}`);
    return undefined;
  }
  if (!raw.startsWith('arn:')) {
    // A bare key id or alias name resolves in the destination region at copy time; it cannot be
    // checked here, only its shape can.
    if (KMS_KEY_ID_PATTERN.test(raw) || KMS_ALIAS_NAME_PATTERN.test(raw)) return raw;
    report(at, `"${raw}" is not a KMS key id, alias name (alias/<name>) or ARN`);
    return undefined;
  }
  const arn = KMS_ARN_PATTERN.exec(raw);
  if (arn === null) {
    report(
      at,
      `"${raw}" is not a KMS key or alias ARN (arn:aws:kms:<region>:<account>:key/<id> or …:alias/<name>)`,
    );
    return undefined;
  }
  const [, partition, keyRegion = ''] = arn;
  const regionPartition = partitionOf(keyRegion);
  if (regionPartition !== undefined && regionPartition !== partition) {
    report(
      at,
      `the ARN says partition ${partition} but ${keyRegion} is in ${regionPartition}`,
      CrossFieldCheck.KmsKeyInDestination,
    );
    return undefined;
  }
  if (destination !== undefined && keyRegion !== destination) {
    report(
      at,
      `key is in ${keyRegion} but copies go to ${destination} (a KMS key must live in the destination region)`,
      CrossFieldCheck.KmsKeyInDestination,
    );
    return undefined;
  }
  return raw;
}

function validateRetention(
  raw: unknown,
  at: readonly (string | number)[],
  report: ReportIssue,
): number | undefined {
  // Omitted means what AWS does when the parameter is omitted: keep copies indefinitely.
  if (raw === undefined || raw === 'indefinite' || raw === INDEFINITE_RETENTION) return INDEFINITE_RETENTION;
  if (typeof raw !== 'number') {
    report(
      at,
      `must be a number of days (${MIN_RETENTION_DAYS}–${MAX_RETENTION_DAYS}) or "indefinite"; got ${describeValue(raw)}`,
    );
    return undefined;
  }
  if (!Number.isInteger(raw)) {
    report(at, `must be a whole number of days; got ${raw}`);
    return undefined;
  }
  if (raw < MIN_RETENTION_DAYS || raw > MAX_RETENTION_DAYS) {
    report(
      at,
      `${raw} is out of range: use ${MIN_RETENTION_DAYS}–${MAX_RETENTION_DAYS} days, or "indefinite"`,
    );
    return undefined;
  }
  return raw;
}
