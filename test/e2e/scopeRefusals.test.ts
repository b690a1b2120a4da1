import {
  CreateNamespaceCommand,
  DeleteSnapshotCopyConfigurationCommand,
  ListSnapshotCopyConfigurationsCommand,
} from '@aws-sdk/client-redshift-serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalAutomation } from '../../src/local/runner/startLocalAutomation.js';
import { LOCAL_ACCOUNT_ID } from '../../src/local/services/contracts.js';
import { attributesOf, deadLetterWhere, eventually } from '../fixtures/localAutomationProbes.js';
import { startAutomation } from '../fixtures/localAutomationStart.js';

/**
 * Records outside the scope are refused, not misdirected, end to end on the multi-account local
 * cloud: three member accounts (each with deploy/member-account.yml forwarding its CloudTrail
 * events) hold a namespace named like one of the stack's own account. The policy's scope names
 * two of them; one of those has no member role. The tests run in order: the managed member's
 * namespace protected by the second is the one whose configuration the last deletes.
 */

const POLICY_FILE = 'test/fixtures/policies/two-member-accounts.yml';
const HOME = LOCAL_ACCOUNT_ID;
const MEMBER = '111111111111';
const ROLELESS = '222222222222';
const UNMANAGED = '333333333333';
const REGION = 'us-east-1';
const TWIN = 'twin';

let automation: LocalAutomation;

beforeAll(async () => {
  automation = await startAutomation({
    region: REGION,
    params: { policyFile: POLICY_FILE },
    memberAccounts: [
      { account: MEMBER, regions: [REGION] },
      { account: ROLELESS, regions: [REGION], roleExists: false },
      { account: UNMANAGED, regions: [REGION] },
    ],
  });
  // The stack's own account holds the namespace first, and the worker protects it.
  await createNamespace(HOME);
  await eventually('the home twin is protected', async () => (await configurationsIn(HOME))[0]);
}, 120_000);

afterAll(async () => {
  await automation?.close();
});

async function createNamespace(account: string): Promise<void> {
  await automation.clientsFor(account, REGION).redshift.send(
    new CreateNamespaceCommand({
      namespaceName: TWIN,
      adminUsername: 'admin',
      adminUserPassword: 'E2e-Passw0rd-never-logged',
    }),
  );
}

async function configurationsIn(account: string) {
  const { snapshotCopyConfigurations = [] } = await automation
    .clientsFor(account, REGION)
    .redshift.send(new ListSnapshotCopyConfigurationsCommand({ namespaceName: TWIN }));
  return snapshotCopyConfigurations;
}

describe('Local automation: namespaces of the same name in several accounts', { timeout: 60_000 }, () => {
  it('dead-letters an unmanaged account’s namespace as AccountNotManaged and leaves the home one untouched', async () => {
    // Prepare
    const [homeBefore] = await configurationsIn(HOME);

    // Act
    await createNamespace(UNMANAGED);
    const letter = await deadLetterWhere(
      automation,
      `AccountNotManaged for ${UNMANAGED}`,
      (attributes) =>
        attributes.Reason === 'AccountNotManaged' && attributes.ErrorName === 'AccountNotManaged',
    );

    // Assess
    expect(attributesOf(letter)).toMatchObject({
      Namespace: TWIN,
      ErrorMessage: expect.stringContaining(`account ${UNMANAGED} is not managed by this stack`),
    });
    expect(JSON.parse(letter.Body ?? '{}')).toMatchObject({
      account: UNMANAGED,
      detail: { recipientAccountId: UNMANAGED },
    });
    expect(await configurationsIn(HOME)).toEqual([homeBefore]);
    expect(automation.cloud.redshift.createCounts(HOME)[TWIN]).toBe(1);
    expect(await configurationsIn(UNMANAGED)).toEqual([]);
  });

  it('protects a managed member’s namespace through its member role, in that account only', async () => {
    // Act
    await createNamespace(MEMBER);
    const [configuration] = await eventually('the member twin is protected', async () => {
      const found = await configurationsIn(MEMBER);
      return found.length > 0 ? found : undefined;
    });

    // Assess
    expect(configuration).toMatchObject({
      namespaceName: TWIN,
      destinationRegion: 'us-west-2',
      snapshotRetentionPeriod: 7,
    });
    expect(automation.cloud.redshift.createCounts(MEMBER)[TWIN]).toBe(1);
    expect(automation.cloud.redshift.createCounts(HOME)[TWIN]).toBe(1);
  });

  it('dead-letters a member whose role refuses AssumeRole as AccountNotManaged, naming STS’s AccessDenied', async () => {
    // Act
    await createNamespace(ROLELESS);
    const letter = await deadLetterWhere(
      automation,
      `AccountNotManaged for ${ROLELESS}`,
      (attributes) => attributes.Reason === 'AccountNotManaged' && attributes.ErrorName === 'AccessDenied',
    );

    // Assess
    expect(attributesOf(letter)).toMatchObject({
      Namespace: TWIN,
      ErrorMessage: expect.stringContaining(
        `arn:aws:iam::${ROLELESS}:role/copy-autopilot-member refused AssumeRole`,
      ),
    });
    expect(await configurationsIn(ROLELESS)).toEqual([]);
    expect(automation.cloud.redshift.createCounts(HOME)[TWIN]).toBe(1);
  });

  it('restores a configuration deleted in a managed member, forwarded by the member template', async () => {
    // Prepare
    const [original] = await eventually('the member twin is protected', async () => {
      const found = await configurationsIn(MEMBER);
      return found.length > 0 ? found : undefined;
    });

    // Act
    await automation.clientsFor(MEMBER, REGION).redshift.send(
      new DeleteSnapshotCopyConfigurationCommand({
        snapshotCopyConfigurationId: original?.snapshotCopyConfigurationId,
      }),
    );
    const restored = await eventually('the member twin’s configuration is back', async () => {
      const [configuration] = await configurationsIn(MEMBER);
      return configuration?.snapshotCopyConfigurationId !== original?.snapshotCopyConfigurationId
        ? configuration
        : undefined;
    });

    // Assess
    expect(restored).toMatchObject({ namespaceName: TWIN, destinationRegion: 'us-west-2' });
    expect(automation.cloud.redshift.createCounts(MEMBER)[TWIN]).toBe(2);
    expect(automation.cloud.redshift.createCounts(HOME)[TWIN]).toBe(1);
  });
});
