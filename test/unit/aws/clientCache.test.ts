import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { assumeRoleCredentials } from '../../../src/aws/assumeRoleCredentials.js';
import { ClientCache, type ClientSettings } from '../../../src/aws/clientCache.js';

const sts = mockClient(STSClient);

afterEach(() => {
  sts.reset();
});

function recordingCache(options: { ownAccountId?: string; memberRoleName?: string } = {}) {
  const created: ClientSettings[] = [];
  const cache = new ClientCache({
    homeRegion: 'us-east-1',
    ...options,
    sts: new STSClient({ region: 'us-east-1' }),
    createRedshiftServerless: (settings) => {
      created.push(settings);
      return new RedshiftServerlessClient({ region: settings.region });
    },
  });
  return { cache, created };
}

function stsCredentials(expiration: Date, key = 'ASIAEXAMPLE') {
  return {
    Credentials: {
      AccessKeyId: key,
      SecretAccessKey: 'secret',
      SessionToken: 'token',
      Expiration: expiration,
    },
  };
}

describe('Class: ClientCache', () => {
  it('creates one client per account and region and reuses it', async () => {
    // Prepare
    const { cache, created } = recordingCache({ ownAccountId: '111111111111' });

    // Act
    const a = await cache.redshiftServerless('111111111111', 'us-east-1');
    const b = await cache.redshiftServerless('111111111111', 'us-east-1');
    const c = await cache.redshiftServerless('111111111111', 'eu-west-1');

    // Assess
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(created.map((s) => s.region)).toEqual(['us-east-1', 'eu-west-1']);
    expect(created.every((s) => s.credentials === undefined)).toBe(true);
  });

  it('assumes the member role in other accounts and uses its own role at home', async () => {
    // Prepare
    sts.on(AssumeRoleCommand).resolves(stsCredentials(new Date(Date.now() + 3_600_000)));
    const { cache, created } = recordingCache({
      ownAccountId: '111111111111',
      memberRoleName: 'CopyAutopilotMember',
    });

    // Act
    await cache.redshiftServerless('111111111111', 'us-east-1');
    await cache.redshiftServerless('222222222222', 'us-east-1');
    const credentials = await created[1]?.credentials?.();

    // Assess
    expect(created[0]?.credentials).toBeUndefined();
    expect(credentials?.accessKeyId).toBe('ASIAEXAMPLE');
    expect(sts.commandCalls(AssumeRoleCommand)[0]?.args[0].input).toMatchObject({
      RoleArn: 'arn:aws:iam::222222222222:role/CopyAutopilotMember',
    });
  });

  it('asks STS for its own account once when it is not configured', async () => {
    // Prepare
    sts.on(GetCallerIdentityCommand).resolves({ Account: '111111111111' });
    sts.on(AssumeRoleCommand).resolves(stsCredentials(new Date(Date.now() + 3_600_000)));
    const { cache, created } = recordingCache({ memberRoleName: 'CopyAutopilotMember' });

    // Act
    await cache.redshiftServerless('111111111111', 'us-east-1');
    await cache.redshiftServerless('111111111111', 'eu-west-1');

    // Assess
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(1);
    expect(created.every((s) => s.credentials === undefined)).toBe(true);
  });

  it('creates the home-region SQS client once', () => {
    // Prepare
    const { cache } = recordingCache();

    // Act & Assess
    expect(cache.sqs()).toBe(cache.sqs());
  });
});

describe('Function: assumeRoleCredentials', () => {
  it('reuses a session until shortly before it expires, then renews it', async () => {
    // Prepare
    let now = 0;
    sts
      .on(AssumeRoleCommand)
      .resolvesOnce(stsCredentials(new Date(3_600_000), 'FIRST'))
      .resolvesOnce(stsCredentials(new Date(7_200_000), 'SECOND'));
    const provider = assumeRoleCredentials({
      sts: new STSClient({ region: 'us-east-1' }),
      roleArn: 'arn:aws:iam::222222222222:role/CopyAutopilotMember',
      sessionName: 'copy-autopilot',
      refreshMarginMs: 300_000,
      now: () => now,
    });

    // Act
    const first = await provider();
    now = 3_000_000;
    const stillFirst = await provider();
    now = 3_400_000;
    const second = await provider();

    // Assess
    expect([first.accessKeyId, stillFirst.accessKeyId, second.accessKeyId]).toEqual([
      'FIRST',
      'FIRST',
      'SECOND',
    ]);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);
  });

  it('shares one AssumeRole call between concurrent callers', async () => {
    // Prepare
    sts.on(AssumeRoleCommand).resolves(stsCredentials(new Date(Date.now() + 3_600_000)));
    const provider = assumeRoleCredentials({
      sts: new STSClient({ region: 'us-east-1' }),
      roleArn: 'arn:aws:iam::222222222222:role/CopyAutopilotMember',
      sessionName: 'copy-autopilot',
    });

    // Act
    await Promise.all([provider(), provider(), provider()]);

    // Assess
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
  });
});
