import type { IncomingHttpHeaders } from 'node:http';

/** What unsigned requests get, as the AWS CLI and SDKs assume without a configured region. */
export const DEFAULT_REGION = 'us-east-1';

// Credential=AKID/20261125/us-west-2/sqs/aws4_request: the region is the third scope element.
const CREDENTIAL_SCOPE = /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\/[^/,\s]+\/aws4_request/;
const QUERY_CREDENTIAL_SCOPE = /^[^/]+\/\d{8}\/([a-z0-9-]+)\/[^/]+\/aws4_request$/;

/**
 * The region a client meant, read from its SigV4 credential scope (the `Authorization` header,
 * or `X-Amz-Credential` in a presigned URL). Signatures are never verified: the local cloud
 * trusts every caller, like any emulator.
 */
export const regionFromRequest = (headers: IncomingHttpHeaders, searchParams?: URLSearchParams): string => {
  const authorization = headers.authorization;
  const fromHeader =
    typeof authorization === 'string' ? CREDENTIAL_SCOPE.exec(authorization)?.[1] : undefined;
  if (fromHeader !== undefined) return fromHeader;
  const credential = searchParams?.get('X-Amz-Credential');
  const fromQuery = credential ? QUERY_CREDENTIAL_SCOPE.exec(credential)?.[1] : undefined;
  return fromQuery ?? DEFAULT_REGION;
};
