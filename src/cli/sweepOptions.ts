import { isAccountId } from '../domain/identifiers.js';
import { PolicyValidationError } from '../domain/policy/errors.js';
import type { Policy, ScopeAccounts, ScopeRegions } from '../domain/policy/types.js';
import { AWS_OPTIONS_USAGE, awsClientConfig } from './awsOptions.js';
import type { CommandContext, OptionsConfig } from './command.js';
import { UsageError } from './errors.js';
import { DEFAULT_POLICY_FILE, printPolicyIssues, readPolicyFile } from './policyFileOption.js';
import { requireKnownRegion } from './regionOption.js';
import { type SdkClientConfig, sdkClientConfig } from './sdkClientConfig.js';
import { TargetAccess } from './targetAccess.js';

/** The options `status` and `sweep` share on top of the AWS ones. */
export const sweepOptions = {
  // Repeatable, unlike the shared --region: kept as an alias of --regions.
  region: { type: 'string', multiple: true },
  regions: { type: 'string' },
  accounts: { type: 'string' },
  'role-name': { type: 'string' },
  policy: { type: 'string' },
  concurrency: { type: 'string' },
  rate: { type: 'string' },
} as const satisfies OptionsConfig;

export const SWEEP_OPTIONS_USAGE =
  `  --policy FILE     policy file (default: ${DEFAULT_POLICY_FILE}); its \`scope\` names the accounts,\n` +
  '                    regions and member role when the options below do not\n' +
  '  --accounts A,B    accounts to look at (12-digit ids); each other than your own is reached\n' +
  '                    through the member role (default: the policy scope, else your own account)\n' +
  '  --regions a,b     regions to look at in every account (default: the policy scope, else\n' +
  '                    AWS_REGION); --region R, repeatable, is the same\n' +
  '  --role-name NAME  the member role to assume in other accounts (default: scope.memberRoleName)\n' +
  '  --concurrency N   tag reads in flight per account and region (default 8)\n' +
  '  --rate N          Redshift Serverless calls per second per account and region (default 10)\n' +
  '  --output F        table (default), json, or csv (one row per namespace, for an audit)';

/** The shared AWS options' help, less the lines these commands replace (--region, --output). */
export const AWS_OPTIONS_USAGE_FOR_SWEEPS = AWS_OPTIONS_USAGE.split('\n')
  .filter((line) => !/^\s*--(region|output) /.test(line))
  .join('\n');

/** How `status` and `sweep` print their report. */
export type ReportFormat = 'table' | 'json' | 'csv';

/** --output: table, json or csv. */
export function reportFormat(values: Readonly<Record<string, unknown>>): ReportFormat {
  const output = values.output ?? 'table';
  if (output !== 'table' && output !== 'json' && output !== 'csv') {
    throw new UsageError(`--output must be table, json or csv, got ${String(output)}`);
  }
  return output;
}

/** The regions named by --region (repeated) and --regions; empty = the default region. */
export function selectedRegions(values: Readonly<Record<string, unknown>>): string[] {
  const single = Array.isArray(values.region)
    ? values.region
    : values.region === undefined
      ? []
      : [values.region];
  const regions = [
    ...single.map((region) => requireKnownRegion(String(region).trim(), '--region')),
    ...commaList(values.regions).map((region) => requireKnownRegion(region, '--regions')),
  ];
  return [...new Set(regions)];
}

/** The accounts named by --accounts; empty = none named. */
export function selectedAccounts(values: Readonly<Record<string, unknown>>): string[] {
  const accounts = commaList(values.accounts);
  for (const account of accounts) {
    if (!isAccountId(account)) {
      throw new UsageError(`not an account id: ${account}`, 'account ids are 12 digits, e.g. 111111111111');
    }
  }
  return [...new Set(accounts)];
}

function commaList(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * Which (account, region) targets to look at, before any account or region is looked up:
 * the options win over the policy's scope, which wins over "your own account in AWS_REGION".
 */
export interface TargetSelection {
  /**
   * `current`: the account of the credentials in use, nothing looked up (no STS call).
   * `list` / `organization`: as in a policy scope; with `withCaller` the caller's own account
   * joins them, as the stack's own account is always in a policy's scope.
   */
  readonly accounts: { readonly kind: 'current' } | (ScopeAccounts & { readonly withCaller: boolean });
  readonly regions: ScopeRegions;
  readonly roleName?: string;
}

/** Works out the selection from the options, the policy's scope and the default region. */
export function targetSelection(
  values: Readonly<Record<string, unknown>>,
  policy: Policy,
  defaultRegion: () => string,
): TargetSelection {
  const accounts = selectedAccounts(values);
  const regions = selectedRegions(values);
  const roleName =
    typeof values['role-name'] === 'string' && values['role-name'] !== ''
      ? values['role-name']
      : policy.scope?.memberRoleName;
  const scope = policy.scope;
  return {
    accounts:
      accounts.length > 0
        ? { kind: 'list', accountIds: accounts, withCaller: false }
        : scope === undefined
          ? { kind: 'current' }
          : { ...scope.accounts, withCaller: true },
    regions:
      regions.length > 0
        ? { kind: 'list', regions }
        : (scope?.regions ?? { kind: 'list', regions: [defaultRegion()] }),
    roleName,
  };
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

/** What `status` and `sweep` read from the options they share. */
export interface SweepOptions {
  readonly selection: TargetSelection;
  readonly policy: Policy;
  readonly format: ReportFormat;
  /** Tag reads in flight per target. */
  readonly concurrency: number;
  /** Redshift Serverless calls per second, per target. */
  readonly ratePerSecond: number;
  /**
   * Where STS, Organizations and Account Management are asked, and where `sweep` finds a bus
   * named by its name: the default region when there is one (AWS_REGION, the profile's), else
   * the first region named.
   */
  readonly homeRegion: string;
}

/**
 * Reads the shared options (usage errors throw). An invalid policy is reported on the printer
 * and gives `undefined`: the command then exits 1.
 */
export async function readSweepOptions(
  values: Readonly<Record<string, unknown>>,
  context: CommandContext,
): Promise<SweepOptions | undefined> {
  const format = reportFormat(values);
  const concurrency = positiveNumberOption(values, 'concurrency', 8, { integer: true });
  const ratePerSecond = positiveNumberOption(values, 'rate', 10);
  // Usage errors before the policy is read: a typo in an option is the first thing to report.
  selectedAccounts(values);
  selectedRegions(values);
  let policy: Policy;
  try {
    policy = await readPolicyFile(
      typeof values.policy === 'string' ? values.policy : DEFAULT_POLICY_FILE,
      context.cwd,
    );
  } catch (error) {
    if (!(error instanceof PolicyValidationError)) throw error;
    printPolicyIssues(error, context.printer, 'stderr');
    return undefined;
  }
  const defaultRegion = () => awsClientConfig({ ...values, region: undefined }, context.env).region;
  const selection = targetSelection(values, policy, defaultRegion);
  return {
    selection,
    policy,
    format,
    concurrency,
    ratePerSecond,
    homeRegion: homeRegionOf(selection, defaultRegion),
  };
}

/** The default region, else the first region selected (only `all-enabled` names none). */
function homeRegionOf(selection: TargetSelection, defaultRegion: () => string): string {
  try {
    return defaultRegion();
  } catch {
    return selection.regions.kind === 'list' ? (selection.regions.regions[0] ?? 'us-east-1') : 'us-east-1';
  }
}

/**
 * How `status` and `sweep` reach their targets: with the operator's credentials and settings in
 * each region, STS, Organizations and Account Management in the home region. Destroy it after.
 */
export function openTargetAccess(
  options: Pick<SweepOptions, 'homeRegion'>,
  values: Readonly<Record<string, unknown>>,
  context: CommandContext,
): TargetAccess {
  return new TargetAccess((region) => clientConfigIn(region, values, context), options.homeRegion);
}

/** SDK client settings in one region, from the shared AWS options (the operator's credentials). */
function clientConfigIn(
  region: string,
  values: Readonly<Record<string, unknown>>,
  context: CommandContext,
): SdkClientConfig {
  return sdkClientConfig(awsClientConfig({ ...values, region }, context.env), context.env);
}
