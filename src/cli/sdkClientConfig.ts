import { LOCAL_CREDENTIALS } from '../local/localCredentials.js';
import type { AwsClientConfig } from './awsOptions.js';

/** Static credentials, as an SDK v3 client takes them. */
export interface StaticCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** What every SDK v3 client constructor the CLI builds receives. */
export interface SdkClientConfig {
  readonly region: string;
  readonly endpoint?: string;
  readonly profile?: string;
  /** Absent = the SDK's default provider chain (SSO, instance role, ~/.aws/credentials…). */
  readonly credentials?: StaticCredentials;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * Turns the shared AWS options into SDK client configuration, reading credentials from the
 * environment the CLI was given (not from `process.env` deep inside the SDK), so a test can
 * hand a command its own. A named profile wins over environment keys, as with the AWS CLI; a
 * loopback endpoint without any credentials gets the local cloud's dummy ones (it checks no
 * signature), so `--endpoint-url http://localhost:4566` works on a machine with no AWS setup.
 */
export function sdkClientConfig(
  config: AwsClientConfig,
  env: Readonly<Record<string, string | undefined>>,
): SdkClientConfig {
  if (config.profile !== undefined) return config;
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (accessKeyId && secretAccessKey) {
    const sessionToken = env.AWS_SESSION_TOKEN;
    return {
      ...config,
      credentials: { accessKeyId, secretAccessKey, sessionToken: sessionToken || undefined },
    };
  }
  if (config.endpoint !== undefined && !env.AWS_PROFILE && isLoopbackEndpoint(config.endpoint)) {
    return { ...config, credentials: LOCAL_CREDENTIALS };
  }
  return config;
}

/** True for a URL on this machine (localhost, 127.0.0.1, ::1): the local cloud's, not AWS's. */
export function isLoopbackEndpoint(endpoint: string): boolean {
  try {
    return LOOPBACK_HOSTS.has(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}
