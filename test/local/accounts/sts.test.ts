import { CreateNamespaceCommand, RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  AssumeRoleCommand,
  type Credentials,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { describe, expect, it } from 'vitest';
import { CENTRAL, MEMBER_A, MEMBER_B, useAccountsCloud } from './useAccountsCloud.js';

const local = useAccountsCloud();

const MEMBER_ROLE = `arn:aws:iam::${MEMBER_A}:role/copy-autopilot-member`;
/** An STS client signing with credentials AssumeRole issued. */
const stsAs = (credentials: Credentials | undefined) =>
  local.track(
    new STSClient(
      local.config({
        credentials: {
          accessKeyId: credentials?.AccessKeyId ?? '',
          secretAccessKey: credentials?.SecretAccessKey ?? '',
          sessionToken: credentials?.SessionToken,
        },
      }),
    ),
  );
const stsOf = (account?: string) =>
  local.track(new STSClient(local.config({ account, region: 'eu-west-1' })));

/** A raw query-protocol POST signed (in its scope only: signatures are not checked) for `service`. */
const signedQuery = async (service: string, form: Record<string, string>) => {
  const response = await fetch(local.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `AWS4-HMAC-SHA256 Credential=test/20261129/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: await response.text() };
};

describe('Local STS: AssumeRole', () => {
  it("issues session credentials of the role's account", async () => {
    // Prepare
    const sts = stsOf();
    const before = Date.now();

    // Act
    const { Credentials, AssumedRoleUser } = await sts.send(
      new AssumeRoleCommand({ RoleArn: MEMBER_ROLE, RoleSessionName: 'copy-worker', DurationSeconds: 900 }),
    );

    // Assess
    expect(Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(Credentials?.SecretAccessKey).toEqual(expect.any(String));
    expect(Credentials?.SessionToken).toEqual(expect.any(String));
    expect(Credentials?.Expiration?.getTime()).toBeGreaterThanOrEqual(
      Math.floor(before / 1000) * 1000 + 900_000,
    );
    expect(AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${MEMBER_A}:assumed-role/copy-autopilot-member/copy-worker`,
    );
    expect(AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:copy-worker$/);
  });

  it('answers GetCallerIdentity for the session as the assumed role', async () => {
    // Prepare
    const { Credentials, AssumedRoleUser } = await stsOf().send(
      new AssumeRoleCommand({ RoleArn: MEMBER_ROLE, RoleSessionName: 'copy-worker' }),
    );
    const asRole = stsAs(Credentials);

    // Act
    const identity = await asRole.send(new GetCallerIdentityCommand({}));

    // Assess
    expect(identity).toMatchObject({
      Account: MEMBER_A,
      Arn: AssumedRoleUser?.Arn,
      UserId: AssumedRoleUser?.AssumedRoleId,
    });
  });

  it("lands fromTemporaryCredentials' calls in the role's account", async () => {
    // Prepare
    const credentials = fromTemporaryCredentials({
      params: { RoleArn: MEMBER_ROLE, RoleSessionName: 'copy-worker' },
      masterCredentials: local.config().credentials,
      clientConfig: { endpoint: local.url, region: 'eu-west-1' },
    });
    const redshift = local.track(
      new RedshiftServerlessClient({ ...local.config({ region: 'eu-west-1' }), credentials }),
    );

    // Act
    const { namespace } = await redshift.send(new CreateNamespaceCommand({ namespaceName: 'sales' }));

    // Assess
    expect(namespace?.namespaceArn).toMatch(
      new RegExp(`^arn:aws:redshift-serverless:eu-west-1:${MEMBER_A}:namespace/`),
    );
    expect(local.logs.filter((entry) => entry.call === 'query').map((entry) => entry.account)).toEqual([
      CENTRAL,
    ]);
  });
});

describe('Local STS: AssumeRole refusals', () => {
  it('refuses a role declared missing with AccessDenied (403) and STS message', async () => {
    // Prepare
    await local.control('POST', '/_local/roles', {
      account: MEMBER_B,
      roleName: 'copy-autopilot-member',
      exists: false,
    });

    // Act
    const assumed = stsOf(MEMBER_A).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${MEMBER_B}:role/copy-autopilot-member`,
        RoleSessionName: 'copy-worker',
      }),
    );

    // Assess
    await expect(assumed).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${MEMBER_A}:root is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${MEMBER_B}:role/copy-autopilot-member`,
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('names the assumed-role session in AccessDenied when a session assumes a missing role', async () => {
    // Prepare
    cloudRoleMissing(MEMBER_B, 'copy-autopilot-member');
    const { Credentials } = await stsOf().send(
      new AssumeRoleCommand({ RoleArn: MEMBER_ROLE, RoleSessionName: 'hop-one' }),
    );
    const asRole = stsAs(Credentials);

    // Act
    const chained = asRole.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${MEMBER_B}:role/copy-autopilot-member`,
        RoleSessionName: 'hop-two',
      }),
    );

    // Assess
    await expect(chained).rejects.toThrow(
      `User: arn:aws:sts::${MEMBER_A}:assumed-role/copy-autopilot-member/hop-one is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${MEMBER_B}:role/copy-autopilot-member`,
    );
  });
});

describe('Local STS: AssumeRole validation, and roles back after a reset', () => {
  it.each([
    [
      'a session name too short',
      { RoleArn: MEMBER_ROLE, RoleSessionName: 'x' },
      "1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
    ],
    [
      'a duration under 15 minutes',
      { RoleArn: MEMBER_ROLE, RoleSessionName: 'worker', DurationSeconds: 60 },
      "1 validation error detected: Value '60' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    ],
    [
      "a duration over the role's one-hour maximum",
      { RoleArn: MEMBER_ROLE, RoleSessionName: 'worker', DurationSeconds: 7200 },
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    ],
    [
      'an ARN that is not a role',
      { RoleArn: `arn:aws:iam::${MEMBER_A}:user/someone`, RoleSessionName: 'worker' },
      'Request ARN is invalid',
    ],
  ])('refuses %s with ValidationError', async (_case, input, message) => {
    // Act
    const assumed = stsOf().send(new AssumeRoleCommand(input));

    // Assess
    await expect(assumed).rejects.toMatchObject({
      name: 'ValidationError',
      message,
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('lets every role be assumed again once the declarations are reset', async () => {
    // Prepare
    cloudRoleMissing(MEMBER_A, 'copy-autopilot-member');
    await local.control('DELETE', '/_local/roles');

    // Act
    const assumed = await stsOf().send(
      new AssumeRoleCommand({ RoleArn: MEMBER_ROLE, RoleSessionName: 'worker' }),
    );

    // Assess
    expect(assumed.AssumedRoleUser?.Arn).toContain(`:${MEMBER_A}:assumed-role/`);
  });
});

describe('Local STS: the query protocol on the wire', () => {
  it('answers in the XML STS writes', async () => {
    // Act
    const { status, body } = await signedQuery('sts', { Action: 'GetCallerIdentity', Version: '2011-06-15' });

    // Assess
    expect(status).toBe(200);
    expect(body).toMatch(
      /^<GetCallerIdentityResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><GetCallerIdentityResult><UserId>000000000000<\/UserId><Account>000000000000<\/Account><Arn>arn:aws:iam::000000000000:root<\/Arn><\/GetCallerIdentityResult><ResponseMetadata><RequestId>[0-9a-f-]+<\/RequestId><\/ResponseMetadata><\/GetCallerIdentityResponse>$/,
    );
  });

  it('writes errors in the ErrorResponse envelope STS uses', async () => {
    // Act
    const { status, body } = await signedQuery('sts', { Action: 'GetSessionToken', Version: '2011-06-15' });

    // Assess
    expect(status).toBe(400);
    expect(body).toContain(
      '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidAction</Code>',
    );
    expect(body).not.toContain('<Detail/>');
  });

  it('routes by the signing name, not by the Action: an STS action signed for SQS goes to SQS', async () => {
    // Act
    const { status, body } = await signedQuery('sqs', { Action: 'GetCallerIdentity', Version: '2011-06-15' });

    // Assess
    expect(status).toBe(400);
    expect(body).toContain('http://queue.amazonaws.com/doc/2012-11-05/');
    expect(body).toContain('<Code>InvalidAction</Code>');
  });

  it('keeps the SQS query protocol working next to STS', async () => {
    // Prepare
    const sqs = local.track(new SQSClient(local.config()));

    // Act
    const { status, body } = await signedQuery('sqs', { Action: 'ListQueues', Version: '2012-11-05' });

    // Assess
    expect(status).toBe(200);
    expect(body).toContain('<ListQueuesResponse');
    expect(await sqs.send(new ListQueuesCommand({}))).toMatchObject({ $metadata: { httpStatusCode: 200 } });
  });
});

function cloudRoleMissing(account: string, roleName: string): void {
  local.cloud.accounts.roles.declare(account, roleName, false);
}
