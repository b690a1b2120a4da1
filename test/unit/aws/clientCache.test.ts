import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { describe, expect, it } from 'vitest';
import { ClientCache, type ClientSettings, type CredentialProvider } from '../../../src/aws/clientCache.js';
import { AccountNotManagedError } from '../../../src/domain/scope/errors.js';

const HOME = '111111111111';
const MEMBER_ROLE = 'arn:aws:iam::222222222222:role/CopyAutopilotMember';

function recordingCache(options: { homeRegion?: string; assume?: CredentialProvider } = {}) {
  const created: ClientSettings[] = [];
  const assumed: string[] = [];
  const cache = new ClientCache({
    homeRegion: options.homeRegion ?? 'us-east-1',
    ownAccountId: HOME,
    createRedshiftServerless: (settings) => {
      created.push(settings);
      return new RedshiftServerlessClient({ region: settings.region });
    },
    assumeRole: (roleArn): CredentialProvider => {
      assumed.push(roleArn);
      return (
        options.assume ??
        (async () => ({ accessKeyId: `ASIA-${roleArn.split(':')[4]}`, secretAccessKey: 'secret' }))
      );
    },
  });
  return { cache, created, assumed };
}

describe('Class: ClientCache', () => {
  it('creates one client per account and region and reuses it', async () => {
    // Prepare
    const { cache, created } = recordingCache();

    // Act
    const a = await cache.redshiftServerless(HOME, 'us-east-1');
    const b = await cache.redshiftServerless(HOME, 'us-east-1');
    const c = await cache.redshiftServerless(HOME, 'eu-west-1');

    // Assess
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(created.map((s) => s.region)).toEqual(['us-east-1', 'eu-west-1']);
    expect(created.every((s) => s.credentials === undefined)).toBe(true);
  });

  it('acts in another account only through the role it is given, and at home with its own role', async () => {
    // Prepare
    const { cache, created, assumed } = recordingCache();

    // Act
    await cache.redshiftServerless(HOME, 'us-east-1', MEMBER_ROLE);
    await cache.redshiftServerless('222222222222', 'us-east-1', MEMBER_ROLE);
    const credentials = await created[1]?.credentials?.();

    // Assess
    expect(created[0]?.credentials).toBeUndefined();
    expect(credentials?.accessKeyId).toBe('ASIA-222222222222');
    expect(assumed).toEqual([MEMBER_ROLE]);
  });

  it('refuses another account without a role instead of using its own credentials there', async () => {
    // Prepare
    const { cache, created } = recordingCache();

    // Act & Assess
    await expect(cache.redshiftServerless('222222222222', 'us-east-1')).rejects.toThrow(
      AccountNotManagedError,
    );
    await expect(cache.redshiftServerless('222222222222', 'us-east-1')).rejects.toThrow(
      /refusing to act with the stack's own credentials/,
    );
    expect(created).toEqual([]);
  });

  it('assumes the role before handing out a client, so a refusal comes before any call', async () => {
    // Prepare
    const refusal = new AccountNotManagedError('222222222222', 'role refused');
    const { cache, created } = recordingCache({
      assume: async () => {
        throw refusal;
      },
    });

    // Act & Assess
    await expect(cache.redshiftServerless('222222222222', 'us-east-1', MEMBER_ROLE)).rejects.toBe(refusal);
    expect(created).toEqual([]);
  });

  it('keeps one assumed-role session per role across regions', async () => {
    // Prepare
    const { cache, assumed } = recordingCache();
    const other = 'arn:aws:iam::333333333333:role/CopyAutopilotMember';

    // Act
    await cache.redshiftServerless('222222222222', 'us-east-1', MEMBER_ROLE);
    await cache.redshiftServerless('222222222222', 'eu-west-1', MEMBER_ROLE);
    await cache.redshiftServerless('333333333333', 'us-east-1', other);

    // Assess
    expect(assumed).toEqual([MEMBER_ROLE, other]);
  });

  it('creates the home-region SQS client once', () => {
    // Prepare
    const { cache } = recordingCache();

    // Act & Assess
    expect(cache.sqs()).toBe(cache.sqs());
  });

  it('makes clients that resolve their middleware stack once per command class, not on every send', async () => {
    // Prepare: the default factories, as the Lambda functions use them
    const cache = new ClientCache({ homeRegion: 'us-east-1', ownAccountId: HOME });

    // Act
    const redshift = await cache.redshiftServerless(HOME, 'eu-west-1');
    const sqs = cache.sqs();

    // Assess
    expect(redshift.config.cacheMiddleware).toBe(true);
    expect(sqs.config.cacheMiddleware).toBe(true);
    cache.destroy();
  });
});
