/** The differential scenarios' one region. */
export const REGION = 'us-east-1';

/**
 * The SDK client settings for one side of the comparison: same region, same dummy credentials,
 * and no retries, so an error is recorded as the first answer and never hidden by a retry.
 */
export const clientConfig = (endpoint: string) => ({
  endpoint,
  region: REGION,
  credentials: { accessKeyId: 'AKIDDIFFERENTIAL', secretAccessKey: 'differential-secret' },
  maxAttempts: 1,
});
