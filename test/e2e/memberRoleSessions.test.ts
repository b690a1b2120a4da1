import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { assumeRoleWithTemporaryCredentials } from '../../src/aws/assumeRoleWithTemporaryCredentials.js';
import { memberRoleCredentials } from '../../src/aws/memberRoleCredentials.js';
import { AccountNotManagedError } from '../../src/domain/scope/errors.js';
import { createLocalCloud, type LocalCloud } from '../../src/local/localCloud.js';

/**
 * The workers' member-role sessions as deployed: memberRoleCredentials over
 * assumeRoleWithTemporaryCredentials (the SDK's fromTemporaryCredentials and its nested STS
 * client, the function's own credentials from the environment), against the local cloud's STS
 * over HTTP.
 */

const HOME = '000000000000';
const MEMBER = '111111111111';
const ROLELESS = '222222222222';
const roleIn = (account: string) => `arn:aws:iam::${account}:role/copy-autopilot-member`;

let cloud: LocalCloud;
let url: string;
/** The status of each STS query-protocol call the edge answered (AssumeRole: nothing else asks STS). */
const assumeRoleCalls: number[] = [];

beforeEach(async () => {
  assumeRoleCalls.length = 0;
  cloud = createLocalCloud({
    account: HOME,
    log: (entry) => {
      if (entry.call === 'query') assumeRoleCalls.push(entry.statusCode);
    },
  });
  ({ url } = await cloud.listen(0, '127.0.0.1'));
  // The function's own credentials, where Lambda puts them.
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await cloud.close();
});

describe('Function: assumeRoleWithTemporaryCredentials', () => {
  it('issues the member role’s session once and shares it until shortly before it expires', async () => {
    // Prepare
    let now = Date.now();
    const provider = memberRoleCredentials(roleIn(MEMBER), {
      assumeRole: assumeRoleWithTemporaryCredentials({ region: 'us-east-1', endpoint: url }),
      now: () => now,
    });

    // Act
    const [a, b] = await Promise.all([provider(), provider()]);
    now += 54 * 60_000;
    const c = await provider();
    now += 2 * 60_000;
    const d = await provider();

    // Assess
    expect(a.accessKeyId).toMatch(/^ASIA/);
    expect(a.expiration?.getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);
    expect([b.accessKeyId, c.accessKeyId]).toEqual([a.accessKeyId, a.accessKeyId]);
    expect(d.accessKeyId).not.toBe(a.accessKeyId);
    expect(assumeRoleCalls).toHaveLength(2);
  });

  it('turns the local STS’s AccessDenied for a missing role into AccountNotManagedError', async () => {
    // Prepare
    await fetch(`${url}/_local/roles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account: ROLELESS, roleName: 'copy-autopilot-member', exists: false }),
    });
    const provider = memberRoleCredentials(roleIn(ROLELESS), {
      assumeRole: assumeRoleWithTemporaryCredentials({ region: 'us-east-1', endpoint: url }),
    });

    // Act
    const error = await provider().catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(AccountNotManagedError);
    expect(error).toMatchObject({ account: ROLELESS, reason: 'AccountNotManaged' });
    expect((error as Error).cause).toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('retries a throttled AssumeRole within the STS client', async () => {
    // Prepare
    cloud.faults.add({
      service: 'STS',
      operation: 'AssumeRole',
      error: { code: 'Throttling', message: 'Rate exceeded', statusCode: 400 },
      count: 1,
    });
    const assumeRole = assumeRoleWithTemporaryCredentials({ region: 'us-east-1', endpoint: url });

    // Act
    const credentials = await memberRoleCredentials(roleIn(MEMBER), { assumeRole })();

    // Assess
    expect(credentials.accessKeyId).toMatch(/^ASIA/);
    expect(assumeRoleCalls).toEqual([400, 200]);
  });
});
