import { describe, expect, it } from 'vitest';
import { explainFailure } from '../../../src/cli/explainFailure.js';

const awsError = (name: string, message: string): Error => Object.assign(new Error(message), { name });

describe('Function: explainFailure', () => {
  it('reads the action and resource of an explicit deny and says no grant of ours lifts it', () => {
    // Prepare
    const error = awsError(
      'AccessDenied',
      'User: arn:aws:sts::111111111111:assumed-role/ops/me is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/copy-autopilot-member with an explicit deny in a service control policy',
    );

    // Act
    const message = explainFailure(error);

    // Assess
    expect(message).toBe(
      'access denied: arn:aws:sts::111111111111:assumed-role/ops/me may not sts:AssumeRole on arn:aws:iam::222222222222:role/copy-autopilot-member: an explicit deny in a service control policy refuses it; ask whoever manages that policy',
    );
  });

  it('points a refused member role at the member stack and its trust policy, not at the caller', () => {
    // Prepare
    const error = awsError(
      'AccessDenied',
      'User: arn:aws:sts::111111111111:assumed-role/ops/me is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/copy-autopilot-member',
    );

    // Act & Assess
    expect(explainFailure(error)).toBe(
      "access denied: arn:aws:sts::111111111111:assumed-role/ops/me may not sts:AssumeRole on arn:aws:iam::222222222222:role/copy-autopilot-member: deploy deploy/member-account.yml in that account, or make the role's trust policy name arn:aws:sts::111111111111:assumed-role/ops/me",
    );
  });

  it("reads EC2's UnauthorizedOperation, which names no resource", () => {
    // Prepare
    const error = awsError(
      'UnauthorizedOperation',
      'You are not authorized to perform this operation. User: arn:aws:iam::111111111111:user/bob is not authorized to perform: ec2:DescribeRegions because no identity-based policy allows the ec2:DescribeRegions action. Encoded authorization failure message: abc',
    );

    // Act & Assess
    expect(explainFailure(error)).toBe(
      'access denied: arn:aws:iam::111111111111:user/bob may not ec2:DescribeRegions on any resource: allow it in an IAM policy of that identity',
    );
  });

  it('keeps the message of an access denial it cannot read, and names the profile in use', () => {
    // Act & Assess
    expect(explainFailure(awsError('AccessDeniedException', 'Access Denied'), { profile: 'ops' })).toBe(
      'access denied (AccessDeniedException): Access Denied: grant profile ops the action in an IAM policy',
    );
  });

  it('names the profile when a named profile gives no credentials', () => {
    // Act & Assess
    expect(
      explainFailure(awsError('CredentialsProviderError', 'Could not load credentials from any providers'), {
        profile: 'ops',
      }),
    ).toBe(
      'AWS profile ops gives no credentials: check that ~/.aws/config (or ~/.aws/credentials) defines it, or run `aws sso login --profile ops`',
    );
  });

  it('explains an error wrapped as the cause of another', () => {
    // Prepare
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), {
      code: 'ECONNREFUSED',
      address: '127.0.0.1',
      port: 4566,
    });

    // Act & Assess
    expect(explainFailure(new Error('sweep failed', { cause: refused }))).toBe(
      'nothing is listening at 127.0.0.1:4566: is `copy-autopilot local serve` running?',
    );
  });

  it('tells a remote endpoint that refuses connections to check the endpoint option', () => {
    // Prepare
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:443'), { code: 'ECONNREFUSED' });

    // Act & Assess
    expect(explainFailure(refused, { endpoint: 'https://10.0.0.5' })).toBe(
      'nothing is listening at https://10.0.0.5: check --endpoint-url (or AWS_ENDPOINT_URL)',
    );
  });

  it('says the local cloud is still starting on its 503 ServiceUnavailable', () => {
    // Act & Assess
    expect(
      explainFailure(
        awsError('ServiceUnavailable', 'the local cloud is starting: the automation is being deployed'),
        {
          endpoint: 'http://127.0.0.1:4566',
        },
      ),
    ).toBe(
      'the local cloud at http://127.0.0.1:4566 is still starting (deploying the automation): wait until `copy-autopilot local serve` prints "ready", then run this again',
    );
  });

  it('leaves other failures to the caller', () => {
    // Act & Assess
    expect(explainFailure(awsError('ValidationException', 'bad input'))).toBeUndefined();
    expect(explainFailure('a string')).toBeUndefined();
  });
});
