import type { LocalAccounts } from '../../accounts/localAccounts.js';
import { queryError } from '../../protocol/queryProtocol.js';
import { AwsServiceError } from '../../protocol/serviceError.js';
import type { EdgeRequestContext, QueryResponse, QueryService } from '../../server/edgeTypes.js';
import { assumeRole, getCallerIdentity } from './assumeRole.js';
import { STS_XMLNS, stsErrors } from './stsErrors.js';
import { stsResponse, type XmlMembers } from './stsXml.js';

/** STS's JSON-style target prefix: what fault rules name it by (alias `STS`). */
export const STS_TARGET_PREFIX = 'AWSSecurityTokenServiceV20110615';
const STS_ERROR_STYLE = { xmlns: STS_XMLNS, detailElement: false } as const;

type StsAction = (params: URLSearchParams, ctx: EdgeRequestContext) => XmlMembers;

/**
 * The local STS over the query protocol, as SDK v3 (`@aws-sdk/client-sts`, the credential
 * providers) and boto3 send it: a form POST of `Action=AssumeRole&Version=2011-06-15&…`,
 * signed for the service `sts`; XML out, errors in STS's `<ErrorResponse>`.
 */
export function createStsService(accounts: Pick<LocalAccounts, 'roles' | 'sessions'>): QueryService {
  const actions: Readonly<Record<string, StsAction>> = {
    AssumeRole: (params, ctx) => assumeRole(params, ctx.caller, ctx.clock.now(), accounts),
    GetCallerIdentity: (_params, ctx) => getCallerIdentity(ctx.caller),
  };
  return {
    targetPrefix: STS_TARGET_PREFIX,
    signingName: 'sts',
    queryErrorStyle: STS_ERROR_STYLE,
    handleQuery(params, ctx): QueryResponse {
      try {
        const action = params.get('Action');
        if (action === null || action === '') throw stsErrors.missingAction();
        const run = Object.hasOwn(actions, action) ? actions[action] : undefined;
        if (run === undefined) throw stsErrors.invalidAction(action);
        return {
          statusCode: 200,
          contentType: 'text/xml',
          body: stsResponse(action, run(params, ctx), ctx.requestId),
        };
      } catch (error) {
        const serviceError =
          error instanceof AwsServiceError
            ? error
            : new AwsServiceError('InternalFailure', 'An internal error occurred.', { statusCode: 500 });
        const response = queryError(serviceError, ctx.requestId, STS_ERROR_STYLE);
        return { statusCode: response.statusCode, contentType: 'text/xml', body: response.body };
      }
    },
  };
}
