import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { describe, expect, it } from 'vitest';
import {
  ClientCache,
  type ClientSettings,
  type CredentialProvider,
  OwnAccountUnknownError,
} from '../../../src/aws/clientCache.js';

function recordingCache(options: { ownAccountId?: string; memberRoleName?: string } = {}) {
  const created: ClientSettings[] = [];
  const assumed: string[] = [];
  const cache = new ClientCache({
    homeRegion: 'us-east-1',
    ...options,
    createRedshiftServerless: (settings) => {
      created.push(settings);
      return new RedshiftServerlessClient({ region: settings.region });
    },
    assumeRole: (roleArn): CredentialProvider => {
      assumed.push(roleArn);
      return async () => ({ accessKeyId: `ASIA-${roleArn.split(':')[4]}`, secretAccessKey: 'secret' });
    },
  });
  return { cache, created, assumed };
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
    const { cache, created, assumed } = recordingCache({
      ownAccountId: '111111111111',
      memberRoleName: 'CopyAutopilotMember',
    });

    // Act
    await cache.redshiftServerless('111111111111', 'us-east-1');
    await cache.redshiftServerless('222222222222', 'us-east-1');
    const credentials = await created[1]?.credentials?.();

    // Assess
    expect(created[0]?.credentials).toBeUndefined();
    expect(credentials?.accessKeyId).toBe('ASIA-222222222222');
    expect(assumed).toEqual(['arn:aws:iam::222222222222:role/CopyAutopilotMember']);
  });

  it('keeps one assumed-role session per account across regions', async () => {
    // Prepare
    const { cache, assumed } = recordingCache({ ownAccountId: '111111111111', memberRoleName: 'Member' });

    // Act
    await cache.redshiftServerless('222222222222', 'us-east-1');
    await cache.redshiftServerless('222222222222', 'eu-west-1');
    await cache.redshiftServerless('333333333333', 'us-east-1');

    // Assess
    expect(assumed).toEqual([
      'arn:aws:iam::222222222222:role/Member',
      'arn:aws:iam::333333333333:role/Member',
    ]);
  });

  it('names the role in the home region’s partition', async () => {
    // Prepare
    const assumed: string[] = [];
    const cache = new ClientCache({
      homeRegion: 'cn-north-1',
      ownAccountId: '111111111111',
      memberRoleName: 'Member',
      createRedshiftServerless: (settings) => new RedshiftServerlessClient({ region: settings.region }),
      assumeRole: (roleArn) => {
        assumed.push(roleArn);
        return async () => ({ accessKeyId: 'a', secretAccessKey: 'b' });
      },
    });

    // Act
    await cache.redshiftServerless('222222222222', 'cn-north-1');

    // Assess
    expect(assumed).toEqual(['arn:aws-cn:iam::222222222222:role/Member']);
  });

  it('refuses a member role without its own account to tell home from member accounts', () => {
    // Act & Assess
    expect(() => new ClientCache({ homeRegion: 'us-east-1', memberRoleName: 'Member' })).toThrow(
      OwnAccountUnknownError,
    );
  });

  it('creates the home-region SQS client once', () => {
    // Prepare
    const { cache } = recordingCache();

    // Act & Assess
    expect(cache.sqs()).toBe(cache.sqs());
  });
});
