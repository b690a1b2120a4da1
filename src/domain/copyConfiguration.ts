/**
 * A snapshot copy configuration as AWS reports it, in our words. `kmsKeyId` is absent when
 * AWS uses its own key (the API says `AWS_OWNED_KMS_KEY`); `retentionDays` is -1 for indefinite.
 */
export interface CopyConfiguration {
  readonly id: string;
  readonly arn?: string;
  readonly namespaceName: string;
  readonly destinationRegion: string;
  readonly kmsKeyId?: string;
  readonly retentionDays: number;
}

/** What AWS reports as the KMS key when the copy is encrypted with an AWS-owned key. */
export const AWS_OWNED_KMS_KEY = 'AWS_OWNED_KMS_KEY';

/** One spelling for "no customer key": undefined, '' and AWS_OWNED_KMS_KEY all mean it. */
export function normalizeKmsKeyId(kmsKeyId: string | undefined): string | undefined {
  return kmsKeyId === undefined || kmsKeyId === '' || kmsKeyId === AWS_OWNED_KMS_KEY ? undefined : kmsKeyId;
}
