import { AssumeRoleCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assumeRoleWithStsClient } from '../../../src/aws/assumeRoleWithStsClient.js';
import { memberRoleCredentials } from '../../../src/aws/memberRoleCredentials.js';
import { AccountNotManagedError } from '../../../src/domain/scope/errors.js';

const ROLE_ARN = 'arn:aws:iam::222222222222:role/copy-autopilot-member';
const NOW = Date.parse('2026-11-27T08:00:00Z');

const sts = mockClient(STSClient);

/** STS's answer for a role that does not exist or does not trust the caller (HTTP 403). */
function accessDenied(): STSServiceException {
  return new STSServiceException({
    name: 'AccessDenied',
    $fault: 'client',
    $metadata: { httpStatusCode: 403 },
    message: `User: arn:aws:sts::111111111111:assumed-role/worker/copy-autopilot is not authorized to perform: sts:AssumeRole on resource: ${ROLE_ARN}`,
  });
}

function credentialsExpiringIn(minutes: number, key = 'ASIAEXAMPLE') {
  return {
    Credentials: {
      AccessKeyId: key,
      SecretAccessKey: 'secret',
      SessionToken: 'token',
      Expiration: new Date(NOW + minutes * 60_000),
    },
  };
}

beforeEach(() => {
  sts.reset();
});

afterEach(() => {
  sts.reset();
});

describe('Function: memberRoleCredentials', () => {
  it('assumes the role once and shares the credentials until shortly before they expire', async () => {
    // Prepare
    let now = NOW;
    sts
      .on(AssumeRoleCommand)
      .resolvesOnce(credentialsExpiringIn(60, 'FIRST'))
      .resolvesOnce(credentialsExpiringIn(120, 'SECOND'));
    const provider = memberRoleCredentials(ROLE_ARN, {
      assumeRole: assumeRoleWithStsClient(new STSClient({ region: 'us-east-1' })),
      now: () => now,
    });

    // Act
    const [a, b] = await Promise.all([provider(), provider()]);
    now = NOW + 54 * 60_000;
    const c = await provider();
    now = NOW + 56 * 60_000;
    const d = await provider();

    // Assess
    expect([a.accessKeyId, b.accessKeyId, c.accessKeyId, d.accessKeyId]).toEqual([
      'FIRST',
      'FIRST',
      'FIRST',
      'SECOND',
    ]);
    const calls = sts.commandCalls(AssumeRoleCommand).map((call) => call.args[0].input);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toEqual({ RoleArn: ROLE_ARN, RoleSessionName: 'copy-autopilot', DurationSeconds: 3600 });
  });

  it('turns STS AccessDenied into AccountNotManagedError naming the account and the role', async () => {
    // Prepare
    sts.on(AssumeRoleCommand).rejects(accessDenied());
    const provider = memberRoleCredentials(ROLE_ARN, {
      assumeRole: assumeRoleWithStsClient(new STSClient({ region: 'us-east-1' })),
    });

    // Act
    const error = await provider().catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(AccountNotManagedError);
    expect(error).toMatchObject({ account: '222222222222', reason: 'AccountNotManaged' });
    expect((error as Error).message).toContain(
      `its member role ${ROLE_ARN} refused AssumeRole (AccessDenied:`,
    );
    expect((error as Error).cause).toMatchObject({ name: 'AccessDenied' });
  });

  it('passes other failures through and tries again on the next call', async () => {
    // Prepare
    const throttled = new STSServiceException({
      name: 'Throttling',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
      message: 'Rate exceeded',
    });
    sts.on(AssumeRoleCommand).rejectsOnce(throttled).resolves(credentialsExpiringIn(60));
    const provider = memberRoleCredentials(ROLE_ARN, {
      assumeRole: assumeRoleWithStsClient(new STSClient({ region: 'us-east-1' })),
    });

    // Act
    const first = await provider().catch((caught: unknown) => caught);
    const second = await provider();

    // Assess
    expect(first).toBe(throttled);
    expect(second.accessKeyId).toBe('ASIAEXAMPLE');
  });
});
