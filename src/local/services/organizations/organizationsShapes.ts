import type {
  LocalOrganization,
  OrganizationAccount,
  OrganizationalUnit,
} from '../../accounts/organization.js';

/**
 * Organizations resources as the API returns them. ARNs name the management account and the
 * organization (`arn:aws:organizations::<management>:account/<org>/<id>`); the local
 * organization lives in the `aws` partition.
 */
export function organizationShapes(organization: LocalOrganization) {
  const base = `arn:aws:organizations::${organization.managementAccountId}`;
  const management = organization.account(organization.managementAccountId);
  return {
    organization: () => ({
      Id: organization.id,
      Arn: `${base}:organization/${organization.id}`,
      FeatureSet: 'ALL',
      MasterAccountArn: `${base}:account/${organization.id}/${organization.managementAccountId}`,
      MasterAccountId: organization.managementAccountId,
      MasterAccountEmail: management?.email ?? '',
      AvailablePolicyTypes: [],
    }),
    root: () => ({
      Id: organization.rootId,
      Arn: `${base}:root/${organization.id}/${organization.rootId}`,
      Name: 'Root',
      PolicyTypes: [],
    }),
    account: (account: OrganizationAccount) => ({
      Id: account.id,
      Arn: `${base}:account/${organization.id}/${account.id}`,
      Email: account.email,
      Name: account.name,
      Status: account.status,
      State: account.status,
      JoinedMethod: account.joinedMethod,
      // awsJson timestamps travel as epoch seconds.
      JoinedTimestamp: account.joinedAt / 1000,
    }),
    unit: (unit: OrganizationalUnit) => ({
      Id: unit.id,
      Arn: `${base}:ou/${organization.id}/${unit.id}`,
      Name: unit.name,
    }),
  };
}
