import type { LocalAccounts } from '../../accounts/localAccounts.js';
import type { JsonService, RequestContext } from '../../protocol/types.js';
import { organizationsErrors } from './organizationsErrors.js';
import { isOrganizationsOperation } from './organizationsOperations.js';
import { organizationShapes } from './organizationsShapes.js';
import { pageOf } from './pageOf.js';
import { validateOrganizationsInput } from './validations.js';

/** The X-Amz-Target prefix of AWS Organizations (awsJson1_1). */
export const ORGANIZATIONS_TARGET_PREFIX = 'AWSOrganizationsV20161128';

type Action = (input: Record<string, unknown>) => unknown;

/**
 * The local AWS Organizations, read-only: the organization the control API declared (the
 * default account as management account, member accounts, organizational units), answered
 * the way the API pages it. An account outside the organization gets
 * AWSOrganizationsNotInUseException; a member may describe the organization, but listing it is
 * for the management account (AccessDeniedException otherwise; no delegated administrators).
 * Every request is first checked against the vendored model (validations.ts); the access rules
 * are the Organizations API reference's, which the model cannot state.
 */
export function createOrganizationsService(accounts: Pick<LocalAccounts, 'organization'>): JsonService {
  const { organization } = accounts;
  const shapes = organizationShapes(organization);
  // ParentId is required and patterned by the model; whether it exists is the organization's to say.
  const requireParent = (input: Record<string, unknown>): string => {
    const parentId = input.ParentId as string;
    if (!organization.hasParent(parentId)) throw organizationsErrors.parentNotFound();
    return parentId;
  };
  const listed = <T extends { readonly id: string }>(
    key: string,
    items: readonly T[],
    wire: (item: T) => unknown,
    input: Record<string, unknown>,
  ) => {
    const page = pageOf(items, (item) => item.id, input);
    return { [key]: page.items.map(wire), NextToken: page.nextToken };
  };
  const managementActions: Readonly<Record<string, Action>> = {
    ListAccounts: (input) => listed('Accounts', organization.accounts(), shapes.account, input),
    ListAccountsForParent: (input) =>
      listed('Accounts', organization.accountsUnder(requireParent(input)), shapes.account, input),
    ListOrganizationalUnitsForParent: (input) =>
      listed('OrganizationalUnits', organization.unitsUnder(requireParent(input)), shapes.unit, input),
    ListRoots: (input) => listed('Roots', [{ id: organization.rootId }], shapes.root, input),
  };
  return {
    targetPrefix: ORGANIZATIONS_TARGET_PREFIX,
    contentType: 'application/x-amz-json-1.1',
    errorStyle: { messageKey: 'Message' },
    handle(operation: string, input: Record<string, unknown>, ctx: RequestContext) {
      if (!isOrganizationsOperation(operation)) throw organizationsErrors.unknownOperation(operation);
      validateOrganizationsInput(operation, input);
      const isManagement = ctx.account === organization.managementAccountId;
      const action = Object.hasOwn(managementActions, operation) ? managementActions[operation] : undefined;
      if (organization.account(ctx.account) === undefined) throw organizationsErrors.notInUse();
      if (operation === 'DescribeOrganization') return { Organization: shapes.organization() };
      if (!isManagement || action === undefined) throw organizationsErrors.accessDenied();
      return action(input);
    },
  };
}
