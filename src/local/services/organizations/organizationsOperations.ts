/** Every operation the local AWS Organizations answers (read-only); anything else is UnknownOperationException. */
export const ORGANIZATIONS_OPERATIONS = [
  'DescribeOrganization',
  'ListAccounts',
  'ListAccountsForParent',
  'ListOrganizationalUnitsForParent',
  'ListRoots',
] as const;

export type OrganizationsOperation = (typeof ORGANIZATIONS_OPERATIONS)[number];

const KNOWN: ReadonlySet<string> = new Set(ORGANIZATIONS_OPERATIONS);

export function isOrganizationsOperation(name: string): name is OrganizationsOperation {
  return KNOWN.has(name);
}
