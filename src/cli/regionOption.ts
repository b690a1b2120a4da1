import { type AwsRegion, isAwsRegion } from '../domain/awsRegions.js';
import { UsageError } from './errors.js';

/** The fix printed under every refused region, whichever command refused it. */
const REGION_RESOLUTION = 'use an AWS region code such as us-east-1 or eu-west-1';

/**
 * The one check every command applies to a region it is given (`--region`, `--regions`,
 * AWS_REGION…): a region the project knows (src/domain/awsRegions.ts), or a usage error
 * (exit 2) whose message is the same for every command, so `--region mars-1` reads alike in
 * `plan`, `trigger`, `status`, `sweep` and the dlq commands.
 *
 * @param source where the value came from, as the user wrote it (`--region`, `AWS_REGION`)
 * @throws UsageError when `region` is not a known AWS region
 */
export function requireKnownRegion(region: string, source = '--region'): AwsRegion {
  if (!isAwsRegion(region)) {
    throw new UsageError(`${source} ${region}: not an AWS region`, REGION_RESOLUTION);
  }
  return region;
}

/**
 * The region a command runs in: `--region`, else AWS_REGION, else AWS_DEFAULT_REGION (the AWS
 * CLI's order), checked by {@link requireKnownRegion}; undefined when none is given.
 */
export function regionFromOptionOrEnvironment(
  option: unknown,
  env: Readonly<Record<string, string | undefined>>,
): AwsRegion | undefined {
  if (typeof option === 'string' && option !== '') return requireKnownRegion(option, '--region');
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const) {
    const value = env[name];
    if (value) return requireKnownRegion(value, name);
  }
  return undefined;
}
