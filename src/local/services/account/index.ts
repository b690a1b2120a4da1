import type { LocalAccounts } from '../../accounts/localAccounts.js';
import type { RestJsonService } from '../../protocol/types.js';
import { ACCOUNT_ROUTES } from './accountOperations.js';
import { listRegions } from './listRegions.js';

/** The Account Management API's routes the local cloud answers (restJson1, signing name `account`). */
const ROUTES: Readonly<Record<string, string>> = ACCOUNT_ROUTES;

/** The local Account Management API: the regions each account has enabled. */
export function createAccountService(
  accounts: Pick<LocalAccounts, 'organization' | 'regions'>,
): RestJsonService {
  return {
    signingName: 'account',
    serviceName: 'Account',
    operationFor: (method, path) => ROUTES[`${method} ${path}`],
    handle: (_operation, input, ctx) => listRegions(input, ctx, accounts),
  };
}
