import type { OptionsConfig } from './command.js';
import { UsageError } from './errors.js';
import { regionFromOptionOrEnvironment } from './regionOption.js';

/**
 * The options every command that talks to AWS shares, spelled as the AWS CLI spells them, so
 * the same command runs against AWS (default credential chain, `--profile`) and against the
 * local cloud (`--endpoint-url`, or AWS_ENDPOINT_URL).
 */
export const awsOptions = {
  region: { type: 'string' },
  profile: { type: 'string' },
  'endpoint-url': { type: 'string' },
  output: { type: 'string', default: 'table' },
} as const satisfies OptionsConfig;

export const AWS_OPTIONS_USAGE =
  '  --region R        AWS region (default: AWS_REGION, AWS_DEFAULT_REGION)\n' +
  '  --profile P       named profile from ~/.aws/config\n' +
  '  --endpoint-url U  another endpoint, e.g. the local cloud (default: AWS_ENDPOINT_URL)\n' +
  '  --output F        table (default) or json';

export type OutputFormat = 'table' | 'json';

/** Client configuration for any SDK v3 client, from the options and the environment. */
export interface AwsClientConfig {
  readonly region: string;
  readonly endpoint?: string;
  readonly profile?: string;
}

export function awsClientConfig(
  values: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
): AwsClientConfig {
  const region = regionFromOptionOrEnvironment(values.region, env);
  if (!region) {
    throw new UsageError('no region given', 'pass --region, or set AWS_REGION');
  }
  const endpoint = stringValue(values['endpoint-url']) ?? env.AWS_ENDPOINT_URL;
  const profile = stringValue(values.profile);
  return {
    region,
    endpoint: endpoint || undefined,
    profile: profile || undefined,
  };
}

export function outputFormat(values: Readonly<Record<string, unknown>>): OutputFormat {
  const output = values.output ?? 'table';
  if (output !== 'table' && output !== 'json') {
    throw new UsageError(`--output must be table or json, got ${String(output)}`);
  }
  return output;
}

function stringValue(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
