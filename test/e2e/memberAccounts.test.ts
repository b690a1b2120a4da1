import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { CreateNamespaceCommand } from '@aws-sdk/client-redshift-serverless';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, type LocalAutomation } from '../../src/local/runner/startLocalAutomation.js';
import { LOCAL_ACCOUNT_ID } from '../../src/local/services/contracts.js';
import { organizationMembers, startAutomation } from '../fixtures/localAutomationStart.js';

/**
 * startLocalAutomation's member accounts: the central stack deployed from serverless.yml as
 * usual, then deploy/member-account.yml deployed into each member (account, region), so a
 * namespace event in a member account travels to the central rules the way it would on AWS.
 */

const MEMBER = '111111111111';
const ROLELESS_MEMBER = '222222222222';
const HOME = 'us-east-1';

let automation: LocalAutomation;

beforeAll(async () => {
  automation = await startAutomation({
    region: HOME,
    memberAccounts: organizationMembers({ account: MEMBER, name: 'production' }, ROLELESS_MEMBER, HOME),
  });
});

afterAll(async () => {
  await automation?.close();
});

const clientConfig = { region: HOME, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 };

describe('Function: startLocalAutomation with member accounts', () => {
  it('deploys the member template into every member region but the central one', () => {
    // Assess
    expect(automation.memberDeployments.map((member) => `${member.account}/${member.region}`)).toEqual([
      `${MEMBER}/${HOME}`,
      `${MEMBER}/eu-west-1`,
      `${ROLELESS_MEMBER}/${HOME}`,
      `${LOCAL_ACCOUNT_ID}/eu-west-1`,
    ]);
    expect(automation.memberDeployments[0]?.deployment.rules).toEqual([
      'copy-autopilot-forward-namespace-events',
    ]);
    expect(automation.memberRoleName).toBe('copy-autopilot-member');
  });

  it('declares the members in the organization the central account manages', async () => {
    // Prepare
    const organizations = new OrganizationsClient({ ...clientConfig, endpoint: automation.url });

    // Act
    const { Accounts } = await organizations.send(new ListAccountsCommand({}));
    organizations.destroy();

    // Assess
    expect(Accounts?.map((account) => [account.Id, account.Name])).toEqual([
      [LOCAL_ACCOUNT_ID, 'management'],
      [MEMBER, 'production'],
      [ROLELESS_MEMBER, `account-${ROLELESS_MEMBER}`],
    ]);
  });

  it('refuses AssumeRole into the member whose role was declared missing, and allows it into the other', async () => {
    // Prepare
    const sts = new STSClient({ ...clientConfig, endpoint: automation.url });
    const roleIn = (account: string) => `arn:aws:iam::${account}:role/${automation.memberRoleName}`;

    // Act
    const allowed = await sts.send(
      new AssumeRoleCommand({ RoleArn: roleIn(MEMBER), RoleSessionName: 'worker' }),
    );
    const refused = sts.send(
      new AssumeRoleCommand({ RoleArn: roleIn(ROLELESS_MEMBER), RoleSessionName: 'worker' }),
    );

    // Assess
    expect(allowed.AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${MEMBER}:assumed-role/copy-autopilot-member/worker`,
    );
    await expect(refused).rejects.toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    sts.destroy();
  });

  it("brings a member region's CreateNamespace to the central namespace-created rule", async () => {
    // Prepare
    const centralRule = `arn:aws:events:${HOME}:${LOCAL_ACCOUNT_ID}:rule/copy-autopilot-local-namespace-created`;
    const forwardRule = `arn:aws:events:eu-west-1:${MEMBER}:rule/copy-autopilot-forward-namespace-events`;
    const matchedBefore = automation.cloud.events.ruleStats()[centralRule]?.matched ?? 0;

    // Act
    await automation
      .clientsFor(MEMBER, 'eu-west-1')
      .redshift.send(new CreateNamespaceCommand({ namespaceName: 'sales' }));
    await automation.cloud.events.drain();

    // Assess
    const stats = automation.cloud.events.ruleStats();
    expect(stats[forwardRule]).toEqual({ matched: 1, invoked: 1, failed: 0 });
    expect(stats[centralRule]?.matched).toBe(matchedBefore + 1);
  });
});
