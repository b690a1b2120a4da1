import { isAccountId } from '../accounts/accountId.js';
import { LocalAccountsError, UnknownEntityError } from '../accounts/errors.js';
import type { LocalAccounts } from '../accounts/localAccounts.js';
import type { AccountStatus, OrganizationAccount } from '../accounts/organization.js';
import { type Partition, partitionOfRegion } from '../accounts/partition.js';
import { isRoleName, parseRoleArn, roleArnOf } from '../accounts/roles.js';
import type { HttpResponse } from '../protocol/httpResponse.js';
import { ControlRequestError, type ControlRouteRequest, type ControlRoutes, json } from './controlApi.js';

function allow(request: ControlRouteRequest, ...methods: string[]): void {
  if (!methods.includes(request.method)) {
    throw new ControlRequestError(
      405,
      `${request.method} is not allowed on /_local${request.subPath} (use ${methods.join(', ')})`,
    );
  }
}

function optionalText(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0) {
    throw new ControlRequestError(400, `${field} must be a non-empty string when given`);
  }
  return value;
}

function requiredAccount(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (!isAccountId(value)) throw new ControlRequestError(400, `${field} must be a 12-digit account id`);
  return value;
}

function requiredBoolean(body: Record<string, unknown>, field: string): boolean {
  const value = body[field];
  if (typeof value !== 'boolean') throw new ControlRequestError(400, `${field} must be true or false`);
  return value;
}

const accountView = (account: OrganizationAccount) => ({
  ...account,
  joinedAt: new Date(account.joinedAt).toISOString(),
});

/**
 * `{account, roleName, region?}` or `{roleArn}`: the role a roles request is about, in the
 * partition its ARN names, or else the one of `region` (commercial when there is none).
 */
function roleOf(body: Record<string, unknown>): { account: string; roleName: string; partition: Partition } {
  if (body.roleArn !== undefined) {
    const role = typeof body.roleArn === 'string' ? parseRoleArn(body.roleArn) : undefined;
    if (role === undefined)
      throw new ControlRequestError(
        400,
        'roleArn must be an IAM role ARN (arn:<partition>:iam::<account>:role/<name>)',
      );
    return role;
  }
  const roleName = body.roleName;
  if (!isRoleName(roleName)) {
    throw new ControlRequestError(
      400,
      'roleName must be an IAM role name (1–64 of letters, digits and +=,.@_-), or give roleArn',
    );
  }
  const partition = partitionOfRegion(optionalText(body, 'region') ?? '');
  return { account: requiredAccount(body, 'account'), roleName, partition };
}

/**
 * The control routes of the local accounts model, for tests and demos that need more than one
 * account (all JSON; shapes in the local cloud's README section):
 * - `GET|POST /_local/accounts`, `DELETE /_local/accounts/<id>`: the organization's accounts;
 * - `GET|POST /_local/organizational-units`: its organizational units;
 * - `GET|POST|DELETE /_local/roles`: roles declared missing (every other role exists), by
 *   `roleArn` or by `account` and `roleName` (with `region`, the role's ARN names its partition);
 * - `POST /_local/regions`, `GET /_local/regions/<account>`: opt-in regions per account.
 * Declarations are forgotten by `POST /_local/reset`.
 */
export function accountsControlRoutes(accounts: LocalAccounts): ControlRoutes {
  const { organization } = accounts;
  const routes: Readonly<Record<string, (request: ControlRouteRequest) => HttpResponse>> = {
    '/accounts': (request) => {
      allow(request, 'GET', 'POST');
      if (request.method === 'GET') {
        return json(200, {
          organizationId: organization.id,
          rootId: organization.rootId,
          managementAccountId: organization.managementAccountId,
          accounts: organization.accounts().map(accountView),
          organizationalUnits: organization.units(),
        });
      }
      const body = request.body();
      const account = organization.declareAccount({
        id: requiredAccount(body, 'id'),
        name: optionalText(body, 'name'),
        email: optionalText(body, 'email'),
        status: optionalText(body, 'status') as AccountStatus | undefined,
        parentId: optionalText(body, 'parentId'),
      });
      return json(200, { account: accountView(account) });
    },
    '/organizational-units': (request) => {
      allow(request, 'GET', 'POST');
      if (request.method === 'GET') return json(200, { organizationalUnits: organization.units() });
      const body = request.body();
      const name = optionalText(body, 'name');
      if (name === undefined) throw new ControlRequestError(400, 'name must be a non-empty string');
      const unit = organization.declareUnit({
        name,
        id: optionalText(body, 'id'),
        parentId: optionalText(body, 'parentId'),
      });
      return json(200, { organizationalUnit: unit });
    },
    '/roles': (request) => {
      allow(request, 'GET', 'POST', 'DELETE');
      if (request.method === 'DELETE') return json(200, { removed: accounts.roles.reset() });
      if (request.method === 'GET') {
        const missing = accounts.roles
          .missing()
          .map((role) => ({ account: role.account, roleName: role.roleName, roleArn: roleArnOf(role) }));
        return json(200, { missing });
      }
      const body = request.body();
      const role = roleOf(body);
      const exists = requiredBoolean(body, 'exists');
      accounts.roles.declare(role.account, role.roleName, exists, role.partition);
      const { account, roleName } = role;
      return json(200, { account, roleName, roleArn: roleArnOf(role), exists });
    },
    '/regions': (request) => {
      allow(request, 'POST');
      const body = request.body();
      const account = requiredAccount(body, 'account');
      const region = optionalText(body, 'region') ?? '';
      const status = accounts.regions.set(account, region, requiredBoolean(body, 'enabled'));
      return json(200, { account, regionName: region, status });
    },
  };
  return (request) => {
    const route = routes[request.subPath] ?? prefixRoute(request, accounts);
    if (route === undefined) return undefined;
    try {
      return route(request);
    } catch (error) {
      if (error instanceof UnknownEntityError) throw new ControlRequestError(404, error.message);
      if (error instanceof LocalAccountsError) throw new ControlRequestError(400, error.message);
      throw error;
    }
  };
}

/** Routes with an id in the path: `/accounts/<id>` (DELETE), `/regions/<account>` (GET). */
function prefixRoute(
  request: ControlRouteRequest,
  accounts: LocalAccounts,
): ((request: ControlRouteRequest) => HttpResponse) | undefined {
  const [, collection, id, ...rest] = request.subPath.split('/');
  if (id === undefined || rest.length > 0) return undefined;
  const account = decodeURIComponent(id);
  if (collection === 'accounts') {
    return () => {
      allow(request, 'DELETE');
      if (!accounts.organization.removeAccount(account)) {
        throw new ControlRequestError(404, `Account ${account} is not in the organization`);
      }
      return json(200, { removed: 1 });
    };
  }
  if (collection === 'regions') {
    return () => {
      allow(request, 'GET');
      if (!isAccountId(account))
        throw new ControlRequestError(400, 'the path must end in a 12-digit account id');
      return json(200, { account, regions: accounts.regions.regionsOf(account) });
    };
  }
  return undefined;
}
