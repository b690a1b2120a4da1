import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import type { AssumeRoleCall } from './memberRoleCredentials.js';

/**
 * STS AssumeRole through an `@aws-sdk/client-sts` client the caller owns (and closes): the
 * CLI's, which also asks GetCallerIdentity. Not for the Lambda functions: that client would add
 * a second STS client to their bundles (assumeRoleWithTemporaryCredentials explains).
 */
export function assumeRoleWithStsClient(sts: STSClient): AssumeRoleCall {
  return async (parameters) => {
    const { Credentials } = await sts.send(new AssumeRoleCommand({ ...parameters }));
    if (Credentials?.AccessKeyId === undefined || Credentials.SecretAccessKey === undefined) {
      throw new Error(`STS AssumeRole on ${parameters.RoleArn} returned no credentials`);
    }
    return {
      accessKeyId: Credentials.AccessKeyId,
      secretAccessKey: Credentials.SecretAccessKey,
      sessionToken: Credentials.SessionToken,
      expiration: Credentials.Expiration,
    };
  };
}
