import { resolve } from 'node:path';
import type { Policy } from '../domain/policy/types.js';
import { PolicyFileError } from '../policy/errors.js';
import { loadPolicyFile } from '../policy/loadPolicyFile.js';
import { AWS_OPTIONS_USAGE, awsClientConfig } from './awsOptions.js';
import type { CommandContext, OptionsConfig } from './command.js';
import { UsageError } from './errors.js';

/** The options `status` and `sweep` share on top of the AWS ones. */
export const regionSelectionOptions = {
  // Repeatable, unlike the shared --region: a compliance view usually spans regions.
  region: { type: 'string', multiple: true },
  regions: { type: 'string' },
  policy: { type: 'string' },
} as const satisfies OptionsConfig;

export const REGION_SELECTION_USAGE =
  '  --policy FILE     policy file (default: copy-policy.yml)\n' +
  '  --region R        a region to look at; repeat for more (default: AWS_REGION)\n' +
  '  --regions a,b     the same, comma-separated';

/** The shared AWS options' help, less its --region line: these commands take several regions. */
export const AWS_OPTIONS_USAGE_EXCEPT_REGION = AWS_OPTIONS_USAGE.split('\n')
  .filter((line) => !line.trimStart().startsWith('--region '))
  .join('\n');

/** The regions named by --region (repeated) and --regions; empty = the default region. */
export function selectedRegions(values: Readonly<Record<string, unknown>>): string[] {
  const single = Array.isArray(values.region)
    ? values.region
    : values.region === undefined
      ? []
      : [values.region];
  const listed = typeof values.regions === 'string' ? values.regions.split(',') : [];
  const regions = [...single, ...listed]
    .map((region) => String(region).trim())
    .filter((region) => region !== '');
  for (const region of regions) {
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
      throw new UsageError(`not a region: ${region}`, 'regions look like us-east-1');
    }
  }
  return [...new Set(regions)];
}

/**
 * The policy the command judges by. An unreadable file is a usage error; an invalid policy
 * (PolicyValidationError) is left to the caller, which prints every issue.
 */
export async function loadCommandPolicy(
  values: Readonly<Record<string, unknown>>,
  cwd: string,
): Promise<Policy> {
  const path = resolve(cwd, typeof values.policy === 'string' ? values.policy : 'copy-policy.yml');
  try {
    return await loadPolicyFile(path);
  } catch (error) {
    if (error instanceof PolicyFileError) {
      throw new UsageError(
        error.message,
        'pass --policy FILE, or run in the directory that holds copy-policy.yml',
      );
    }
    throw error;
  }
}

/** A positive integer option, or its default. */
export function positiveIntegerOption(
  values: Readonly<Record<string, unknown>>,
  name: string,
  fallback: number,
): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new UsageError(`--${name} must be a positive integer, got ${String(raw)}`);
  return value;
}

/** A positive number option (calls per second may be fractional), or its default. */
export function positiveNumberOption(
  values: Readonly<Record<string, unknown>>,
  name: string,
  fallback: number,
): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new UsageError(`--${name} must be a positive number, got ${String(raw)}`);
  return value;
}

/** --region/--regions, or the one region the AWS options and environment give. */
export function regionsToVisit(values: Readonly<Record<string, unknown>>, context: CommandContext): string[] {
  const regions = selectedRegions(values);
  return regions.length > 0
    ? regions
    : [awsClientConfig({ ...values, region: undefined }, context.env).region];
}
