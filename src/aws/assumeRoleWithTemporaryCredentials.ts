import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { AssumeRoleCall } from './memberRoleCredentials.js';

/** Where STS is called. */
export interface StsSettings {
  /** The stack's home region. */
  readonly region: string;
  /** The local cloud's endpoint; absent on AWS. */
  readonly endpoint?: string;
}

/**
 * STS AssumeRole for the Lambda functions, through the SDK's public `fromTemporaryCredentials`,
 * with the function's own credentials (the default provider chain) in `settings.region`.
 *
 * Why not `@aws-sdk/client-sts`: `fromTemporaryCredentials` calls STS with the SDK's nested STS
 * client, which every SDK client's default credential chain already bundles (web identity and
 * profile roles need it), so AssumeRole costs the bundle ~3 KiB; `@aws-sdk/client-sts` is a
 * second STS client of ~20 KiB minified, which took the copy worker over its 500 KiB goal.
 * `@aws-sdk/nested-clients` itself is not imported: its README says it is internal ("Do not
 * install this as a direct dependency") and its versions move apart from the clients'.
 *
 * A provider (and its STS client, which keeps its connections) is made once per set of
 * parameters, i.e. per member role, and asked again for each renewal: it caches nothing itself,
 * memberRoleCredentials decides when to call. Errors are STS's own as thrown: AccessDenied, or
 * Throttling once the STS client's own retries are spent.
 */
export function assumeRoleWithTemporaryCredentials(settings: StsSettings): AssumeRoleCall {
  const providers = new Map<string, AwsCredentialIdentityProvider>();
  return (parameters) => {
    const key = JSON.stringify(parameters);
    let provider = providers.get(key);
    if (provider === undefined) {
      provider = fromTemporaryCredentials({
        params: { ...parameters },
        clientConfig: { region: settings.region, endpoint: settings.endpoint },
      });
      providers.set(key, provider);
    }
    return provider();
  };
}
