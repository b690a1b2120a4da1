import type { IncomingHttpHeaders } from 'node:http';

/** What unsigned requests get, as the AWS CLI and SDKs assume without a configured region. */
export const DEFAULT_REGION = 'us-east-1';

// Credential=AKID/20261125/us-west-2/sqs/aws4_request: key id, date, region, service, terminator.
const CREDENTIAL_SCOPE = /Credential=([^/,\s]+)\/\d{8}\/([a-z0-9-]+)\/([^/,\s]+)\/aws4_request/;
const QUERY_CREDENTIAL_SCOPE = /^([^/]+)\/\d{8}\/([a-z0-9-]+)\/([^/]+)\/aws4_request$/;

/** The caller's SigV4 credential scope, as far as the request tells. */
export interface CredentialScope {
  readonly region: string;
  readonly accessKeyId?: string;
  /** The signing name (`sqs`, `sts`, `account`…): which service the client meant. */
  readonly service?: string;
}

/**
 * The region, access key id and service a client signed with, read from its SigV4 credential scope:
 * the `Authorization` header, or `X-Amz-Credential` in a presigned URL. Signatures are never
 * verified: the local cloud trusts every caller, like any emulator.
 */
export const credentialScopeOf = (
  headers: IncomingHttpHeaders,
  searchParams?: URLSearchParams,
): CredentialScope => {
  const authorization = headers.authorization;
  const fromHeader = typeof authorization === 'string' ? CREDENTIAL_SCOPE.exec(authorization) : null;
  const credential = searchParams?.get('X-Amz-Credential');
  const match = fromHeader ?? (credential ? QUERY_CREDENTIAL_SCOPE.exec(credential) : null);
  if (match?.[1] === undefined || match[2] === undefined) return { region: DEFAULT_REGION };
  return { region: match[2], accessKeyId: match[1], service: match[3] };
};

/** The region a client meant; `us-east-1` when the request is unsigned. */
export const regionFromRequest = (headers: IncomingHttpHeaders, searchParams?: URLSearchParams): string =>
  credentialScopeOf(headers, searchParams).region;
