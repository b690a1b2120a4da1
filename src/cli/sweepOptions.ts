import { resolve } from 'node:path';
import { PolicyValidationError } from '../domain/policy/errors.js';
import type { Policy } from '../domain/policy/types.js';
import { PolicyFileError } from '../policy/errors.js';
import { loadPolicyFile } from '../policy/loadPolicyFile.js';
import { AWS_OPTIONS_USAGE, awsClientConfig } from './awsOptions.js';
import type { CommandContext, OptionsConfig } from './command.js';
import { UsageError } from './errors.js';
import { requireKnownRegion } from './regionOption.js';
import { type SdkClientConfig, sdkClientConfig } from './sdkClientConfig.js';

/** The options `status` and `sweep` share on top of the AWS ones. */
export const sweepOptions = {
  // Repeatable, unlike the shared --region: a compliance view usually spans regions.
  region: { type: 'string', multiple: true },
  regions: { type: 'string' },
  policy: { type: 'string' },
  concurrency: { type: 'string' },
  rate: { type: 'string' },
} as const satisfies OptionsConfig;

export const SWEEP_OPTIONS_USAGE =
  '  --policy FILE     policy file (default: copy-policy.yml)\n' +
  '  --region R        a region to look at; repeat for more (default: AWS_REGION)\n' +
  '  --regions a,b     the same, comma-separated\n' +
  '  --concurrency N   namespaces read at once (default 8)\n' +
  '  --rate N          Redshift Serverless calls per second (default 10)';

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
  return [...new Set(regions.map((region) => requireKnownRegion(region)))];
}

/**
 * The policy the command judges by. An unreadable file is a usage error; an invalid policy
 * (PolicyValidationError) is left to the caller, which prints every issue.
 */
async function loadCommandPolicy(values: Readonly<Record<string, unknown>>, cwd: string): Promise<Policy> {
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

/**
 * A positive number option (calls per second may be fractional; `integer` for counts), or its
 * default.
 */
export function positiveNumberOption(
  values: Readonly<Record<string, unknown>>,
  name: string,
  fallback: number,
  { integer = false }: { integer?: boolean } = {},
): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  const valid = integer ? Number.isInteger(value) && value >= 1 : Number.isFinite(value) && value > 0;
  if (!valid) {
    throw new UsageError(
      `--${name} must be a positive ${integer ? 'integer' : 'number'}, got ${String(raw)}`,
    );
  }
  return value;
}

/** --region/--regions, or the one region the AWS options and environment give. */
function regionsToVisit(values: Readonly<Record<string, unknown>>, context: CommandContext): string[] {
  const regions = selectedRegions(values);
  return regions.length > 0
    ? regions
    : [awsClientConfig({ ...values, region: undefined }, context.env).region];
}

/** What `status` and `sweep` read from the options they share. */
export interface SweepOptions {
  readonly regions: readonly string[];
  readonly policy: Policy;
  /** Namespaces read at once. */
  readonly concurrency: number;
  /** Redshift Serverless calls per second. */
  readonly ratePerSecond: number;
}

/**
 * Reads the shared options (usage errors throw). An invalid policy is reported on the printer
 * and gives `undefined`: the command then exits 1.
 */
export async function readSweepOptions(
  values: Readonly<Record<string, unknown>>,
  context: CommandContext,
): Promise<SweepOptions | undefined> {
  const concurrency = positiveNumberOption(values, 'concurrency', 8, { integer: true });
  const ratePerSecond = positiveNumberOption(values, 'rate', 10);
  const regions = regionsToVisit(values, context);
  try {
    return { regions, policy: await loadCommandPolicy(values, context.cwd), concurrency, ratePerSecond };
  } catch (error) {
    if (!(error instanceof PolicyValidationError)) throw error;
    context.printer.note(error.message);
    return undefined;
  }
}

/** SDK client settings for one of the selected regions, from the shared AWS options. */
export function clientConfigIn(
  region: string,
  values: Readonly<Record<string, unknown>>,
  context: CommandContext,
): SdkClientConfig {
  return sdkClientConfig(awsClientConfig({ ...values, region }, context.env), context.env);
}
