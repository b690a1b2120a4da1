import type { LocalAccounts } from '../../accounts/localAccounts.js';
import { queryError } from '../../protocol/queryProtocol.js';
import { AwsServiceError } from '../../protocol/serviceError.js';
import type { EdgeRequestContext, QueryResponse, QueryService } from '../../server/edgeTypes.js';
import { readQueryInput } from '../../serviceModel/readQueryInput.js';
import { assumeRole, getCallerIdentity } from './assumeRole.js';
import { STS_XMLNS, stsErrors } from './stsErrors.js';
import { STS_MODEL } from './stsModel.js';
import { isStsOperation, type StsOperation } from './stsOperations.js';
import { stsResponse, type XmlMembers } from './stsXml.js';
import { validateStsInput } from './validations.js';

/** STS's JSON-style target prefix: what fault rules name it by (alias `STS`). */
export const STS_TARGET_PREFIX = 'AWSSecurityTokenServiceV20110615';
const STS_ERROR_STYLE = { xmlns: STS_XMLNS, detailElement: false } as const;

type StsAction = (input: Readonly<Record<string, unknown>>, ctx: EdgeRequestContext) => XmlMembers;

/**
 * The local STS over the query protocol, as SDK v3 (`@aws-sdk/client-sts`, the credential
 * providers) and boto3 send it: a form POST of `Action=AssumeRole&Version=2011-06-15&…`,
 * signed for the service `sts`; XML out, errors in STS's `<ErrorResponse>`. The parameters are
 * read into the input shape of the vendored model and checked against it before the action runs.
 */
export function createStsService(accounts: Pick<LocalAccounts, 'roles' | 'sessions'>): QueryService {
  const actions: Readonly<Record<StsOperation, StsAction>> = {
    AssumeRole: (input, ctx) => assumeRole(input, ctx.caller, ctx.clock.now(), accounts),
    GetCallerIdentity: (_input, ctx) => getCallerIdentity(ctx.caller),
  };
  return {
    targetPrefix: STS_TARGET_PREFIX,
    signingName: 'sts',
    queryErrorStyle: STS_ERROR_STYLE,
    handleQuery(params, ctx): QueryResponse {
      try {
        const action = params.get('Action');
        if (action === null || action === '') throw stsErrors.missingAction();
        if (!isStsOperation(action)) throw stsErrors.invalidAction(action);
        const input = readQueryInput(STS_MODEL, action, params);
        validateStsInput(action, input);
        return {
          statusCode: 200,
          contentType: 'text/xml',
          body: stsResponse(action, actions[action](input, ctx), ctx.requestId),
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
