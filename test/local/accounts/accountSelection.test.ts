import { CreateNamespaceCommand, RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { resolveCaller } from '../../../src/local/accounts/callerIdentity.js';
import type { RoleReference } from '../../../src/local/accounts/roles.js';
import {
  accountOfSessionAccessKeyId,
  issueSessionAccessKeyId,
} from '../../../src/local/accounts/sessionAccessKeys.js';
import { roleIdOf, SessionStore } from '../../../src/local/accounts/sessions.js';
import { CENTRAL, MEMBER_A, useAccountsCloud } from './useAccountsCloud.js';

const ROLE: RoleReference = {
  partition: 'aws',
  account: MEMBER_A,
  path: '/',
  roleName: 'copy-autopilot-member',
  arn: `arn:aws:iam::${MEMBER_A}:role/copy-autopilot-member`,
};

describe('Function: resolveCaller', () => {
  it.each([
    ['a 12-digit access key id', MEMBER_A, MEMBER_A],
    ['the local credentials', 'test', CENTRAL],
    ['a real-looking long-term key', 'AKIAIOSFODNN7EXAMPLE', CENTRAL],
    ['an 11-digit key', '11111111111', CENTRAL],
    ['no key at all (unsigned)', undefined, CENTRAL],
  ])('maps %s to its account', (_case, accessKeyId, account) => {
    // Act
    const caller = resolveCaller(accessKeyId, 'us-east-1', { defaultAccount: CENTRAL });

    // Assess
    expect(caller).toMatchObject({
      type: 'Account',
      account,
      arn: `arn:aws:iam::${account}:root`,
      userId: account,
    });
  });

  it("maps a key the local STS issued to its role's account, as the session it belongs to", () => {
    // Prepare
    const sessions = new SessionStore();
    const session = sessions.issue(ROLE, 'worker', Date.now() + 3_600_000);

    // Act
    const caller = resolveCaller(session.accessKeyId, 'eu-west-1', { defaultAccount: CENTRAL, sessions });

    // Assess
    expect(caller).toEqual({
      type: 'AssumedRole',
      account: MEMBER_A,
      arn: `arn:aws:sts::${MEMBER_A}:assumed-role/copy-autopilot-member/worker`,
      userId: `${roleIdOf(ROLE.arn)}:worker`,
      accessKeyId: session.accessKeyId,
      roleArn: ROLE.arn,
    });
  });

  it('still finds the account of an issued key the session table has forgotten', () => {
    // Prepare
    const sessions = new SessionStore();
    const { accessKeyId } = sessions.issue(ROLE, 'worker', Date.now() + 3_600_000);
    sessions.reset();

    // Act
    const caller = resolveCaller(accessKeyId, 'us-east-1', { defaultAccount: CENTRAL, sessions });

    // Assess
    expect(caller.account).toBe(MEMBER_A);
  });

  it('names the partition of the region in the caller ARN', () => {
    // Act
    const caller = resolveCaller(MEMBER_A, 'cn-north-1', { defaultAccount: CENTRAL });

    // Assess
    expect(caller.arn).toBe(`arn:aws-cn:iam::${MEMBER_A}:root`);
  });
});

describe('Function: issueSessionAccessKeyId', () => {
  it.each(['000000000000', '111111111111', '999999999999', '000000000001'])(
    'issues ASIA keys of 20 characters that carry account %s',
    (account) => {
      // Act
      const accessKeyId = issueSessionAccessKeyId(account);

      // Assess
      expect(accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
      expect(accountOfSessionAccessKeyId(accessKeyId)).toBe(account);
    },
  );

  it('reads no account from a key it did not issue', () => {
    // Act
    const account = accountOfSessionAccessKeyId('ASIAY34FZKBOKMUTVV7A');

    // Assess
    expect(account).toBeUndefined();
  });

  it('refuses to issue a key for something that is not an account id', () => {
    // Act & Assess
    expect(() => issueSessionAccessKeyId('12345')).toThrow(RangeError);
  });
});

describe('Local cloud: the account of a request', () => {
  const local = useAccountsCloud();

  it('acts in the account a 12-digit access key id names, and in 000000000000 for any other key', async () => {
    // Prepare
    const member = local.track(new RedshiftServerlessClient(local.config({ account: MEMBER_A })));
    const central = local.track(new RedshiftServerlessClient(local.config()));

    // Act
    const inMember = await member.send(new CreateNamespaceCommand({ namespaceName: 'sales' }));
    const inCentral = await central.send(new CreateNamespaceCommand({ namespaceName: 'sales' }));

    // Assess
    expect(inMember.namespace?.namespaceArn).toMatch(
      new RegExp(`^arn:aws:redshift-serverless:us-east-1:${MEMBER_A}:namespace/`),
    );
    expect(inCentral.namespace?.namespaceArn).toMatch(
      new RegExp(`^arn:aws:redshift-serverless:us-east-1:${CENTRAL}:namespace/`),
    );
  });

  it('tells GetCallerIdentity who the key is', async () => {
    // Prepare
    const sts = local.track(new STSClient(local.config({ account: MEMBER_A, region: 'eu-west-1' })));

    // Act
    const identity = await sts.send(new GetCallerIdentityCommand({}));

    // Assess
    expect(identity).toMatchObject({
      Account: MEMBER_A,
      Arn: `arn:aws:iam::${MEMBER_A}:root`,
      UserId: MEMBER_A,
    });
  });

  it('logs the account each request acted in', async () => {
    // Prepare
    const sts = local.track(new STSClient(local.config({ account: MEMBER_A })));

    // Act
    await sts.send(new GetCallerIdentityCommand({}));

    // Assess
    expect(local.logs.at(-1)).toMatchObject({ account: MEMBER_A, call: 'query', statusCode: 200 });
  });
});
