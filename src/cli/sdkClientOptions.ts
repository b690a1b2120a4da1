import type { AwsClientConfig } from './awsOptions.js';

/** What every SDK v3 client constructor accepts from the CLI. */
export interface SdkClientOptions {
  readonly region: string;
  readonly endpoint?: string;
  readonly profile?: string;
  readonly credentials?: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
}

/**
 * Client options from the command's AWS options and the environment it was given (not
 * process.env): keys in that environment win, as the SDK's own chain would let them; without
 * them the SDK's default chain (profile, SSO, instance role) applies.
 */
export function sdkClientOptions(
  config: AwsClientConfig,
  env: Readonly<Record<string, string | undefined>>,
): SdkClientOptions {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  const sessionToken = env.AWS_SESSION_TOKEN;
  const fromEnv =
    config.profile === undefined && accessKeyId && secretAccessKey
      ? { credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } }
      : {};
  return { ...config, ...fromEnv };
}
