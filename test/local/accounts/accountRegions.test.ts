import {
  AccountClient,
  ListRegionsCommand,
  type ListRegionsCommandInput,
  type ListRegionsRequest,
  paginateListRegions,
} from '@aws-sdk/client-account';
import { describe, expect, it } from 'vitest';
import { MEMBER_A, MEMBER_B, useAccountsCloud } from './useAccountsCloud.js';

const local = useAccountsCloud();

const accountOf = (account?: string) => local.track(new AccountClient(local.config({ account })));

/** The 17 regions of the aws partition enabled by default in every account. */
const ENABLED_BY_DEFAULT = [
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
];

const allRegions = async (client: AccountClient, input: ListRegionsCommandInput) => {
  const regions: { name?: string; status?: string }[] = [];
  for await (const page of paginateListRegions({ client, pageSize: 5 }, input)) {
    regions.push(
      ...(page.Regions ?? []).map((region) => ({ name: region.RegionName, status: region.RegionOptStatus })),
    );
  }
  return regions;
};

describe('Local Account: ListRegions', () => {
  it('answers the regions enabled by default, paged as asked', async () => {
    // Act
    const regions = await allRegions(accountOf(), {
      RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'],
    });

    // Assess
    expect(regions.map((region) => region.name)).toEqual(ENABLED_BY_DEFAULT);
    expect(new Set(regions.map((region) => region.status))).toEqual(new Set(['ENABLED_BY_DEFAULT']));
  });

  it('lists opt-in regions as DISABLED until the control API enables them for the account', async () => {
    // Prepare
    const enabled = await local.control('POST', '/_local/regions', {
      account: MEMBER_A,
      region: 'ap-east-1',
      enabled: true,
    });

    // Act
    const ofA = await allRegions(accountOf(MEMBER_A), { RegionOptStatusContains: ['ENABLED'] });
    const ofB = await allRegions(accountOf(MEMBER_B), {});

    // Assess
    expect(enabled.body).toEqual({ account: MEMBER_A, regionName: 'ap-east-1', status: 'ENABLED' });
    expect(ofA).toEqual([{ name: 'ap-east-1', status: 'ENABLED' }]);
    expect(ofB.find((region) => region.name === 'ap-east-1')?.status).toBe('DISABLED');
  });

  it("answers a member account's regions to the management account", async () => {
    // Prepare
    await local.control('POST', '/_local/accounts', { id: MEMBER_A });
    await local.control('POST', '/_local/regions', {
      account: MEMBER_A,
      region: 'me-south-1',
      enabled: true,
    });

    // Act
    const regions = await allRegions(accountOf(), {
      AccountId: MEMBER_A,
      RegionOptStatusContains: ['ENABLED'],
    });

    // Assess
    expect(regions).toEqual([{ name: 'me-south-1', status: 'ENABLED' }]);
  });

  it("refuses another account's regions to a member (AccessDeniedException, 403)", async () => {
    // Prepare
    await local.control('POST', '/_local/accounts', { id: MEMBER_A });

    // Act
    const listed = accountOf(MEMBER_B).send(new ListRegionsCommand({ AccountId: MEMBER_A }));

    // Assess
    await expect(listed).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
    });
  });
});

describe('Local Account: ListRegions refusals', () => {
  it.each<[string, ListRegionsRequest, Record<string, unknown>]>([
    [
      'MaxResults 0',
      { MaxResults: 0 },
      { reason: 'fieldValidationFailed', $metadata: { httpStatusCode: 400 } },
    ],
    [
      'MaxResults 51',
      { MaxResults: 51 },
      { reason: 'fieldValidationFailed', $metadata: { httpStatusCode: 400 } },
    ],
    ['a NextToken it did not issue', { NextToken: 'made-up' }, {}],
  ])('refuses %s with ValidationException', async (_case, request, details) => {
    // Act
    const listed = accountOf().send(new ListRegionsCommand(request));

    // Assess
    await expect(listed).rejects.toMatchObject({ name: 'ValidationException', ...details });
  });
});
