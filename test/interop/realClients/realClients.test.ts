import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTEROP_TOOLS, type InteropTool, runTool } from '../interopTools.js';

/**
 * `copy-autopilot local serve` as a user runs it (the real CLI in a child process), driven by the
 * clients a user already has, unchanged but for the endpoint: the AWS CLI v1 on PATH and boto3
 * (SQS over its JSON protocol), and Debian's AWS CLI v2 (SQS over the query protocol).
 */

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const { awsCliV1, debianAwsCliV2, python } = INTEROP_TOOLS;
const PROTECTION_TIMEOUT_MS = 30_000;

/** What an operator exports before using a client against the local cloud. */
const CLIENT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_REGION: 'us-east-1',
  AWS_PAGER: '',
  AWS_PROFILE: undefined,
  AWS_ENDPOINT_URL: undefined,
};

let serve: ChildProcess;
let serveOutput = '';
let endpoint: string;

/** Starts `local serve` and resolves with its URL once it says it is listening and deployed. */
function startLocalServe(): Promise<string> {
  serve = spawn(process.execPath, ['bin/copy-autopilot.js', 'local', 'serve', '--port', '0'], {
    cwd: REPO_ROOT,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    serve.stderr?.on('data', (chunk: Buffer) => {
      serveOutput += chunk.toString('utf8');
    });
    serve.stdout?.on('data', (chunk: Buffer) => {
      serveOutput += chunk.toString('utf8');
      // The banner ends with how to stop it: by then the automation is deployed and running.
      const url = serveOutput.match(/local cloud: (http:\/\/\S+)/)?.[1];
      if (url && serveOutput.includes('Ctrl-C stops it.')) resolve(url);
    });
    serve.once('exit', (code) =>
      reject(new Error(`local serve exited (${code}) before serving:\n${serveOutput}`)),
    );
  });
}

async function stopLocalServe(): Promise<void> {
  if (!serve || serve.exitCode !== null) return;
  const exited = new Promise((resolve) => serve.once('exit', resolve));
  // Ctrl-C, as a user stops it; a hard kill only if it does not stop on its own.
  serve.kill('SIGINT');
  const timer = setTimeout(() => serve.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

beforeAll(async () => {
  endpoint = await startLocalServe();
});

afterAll(async () => {
  await stopLocalServe();
});

/** Runs an AWS CLI command against the local cloud and parses its JSON output. */
async function aws(args: readonly string[], cli: InteropTool = awsCliV1): Promise<Record<string, unknown>> {
  const { stdout } = await runTool(cli, {
    args: ['--endpoint-url', endpoint, '--output', 'json', ...args],
    cwd: REPO_ROOT,
    env: CLIENT_ENV,
  });
  return stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
}

/** Polls until `probe` returns a value, or fails naming what never happened. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = performance.now() + PROTECTION_TIMEOUT_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface CopyConfiguration {
  readonly namespaceName: string;
  readonly destinationRegion: string;
  readonly snapshotRetentionPeriod: number;
}

async function protectedByCli(namespaceName: string): Promise<CopyConfiguration[]> {
  return eventually(`list-snapshot-copy-configurations shows ${namespaceName}`, async () => {
    const { snapshotCopyConfigurations = [] } = (await aws([
      'redshift-serverless',
      'list-snapshot-copy-configurations',
      '--namespace-name',
      namespaceName,
    ])) as { snapshotCopyConfigurations?: CopyConfiguration[] };
    return snapshotCopyConfigurations.length > 0 ? snapshotCopyConfigurations : undefined;
  });
}

function queueUrl(name: string): string {
  return `${endpoint}/000000000000/${name}`;
}

async function localStats(): Promise<{ ruleStats: Record<string, { matched: number; invoked: number }> }> {
  const response = await fetch(`${endpoint}/_local/stats`);
  return (await response.json()) as { ruleStats: Record<string, { matched: number; invoked: number }> };
}

// Each CLI call starts a Python interpreter (0.5–2 s on a busy machine): polls take a while.
describe('Real clients: the AWS CLI on PATH (v1, SQS JSON protocol)', { timeout: 90_000 }, () => {
  it('is told by local serve how to reach the local cloud', () => {
    // Assess: the AWS CLI v1 reads AWS_DEFAULT_REGION only, and the endpoint from --endpoint-url.
    expect(serveOutput).toContain(
      `export AWS_ENDPOINT_URL=${endpoint} AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1`,
    );
    expect(serveOutput).toContain(`aws --endpoint-url ${endpoint} redshift-serverless create-namespace`);
  });

  it('creates a namespace that the automation protects within seconds', async () => {
    // Act
    const created = (await aws([
      'redshift-serverless',
      'create-namespace',
      '--namespace-name',
      'cli-made',
      '--admin-username',
      'admin',
      '--admin-user-password',
      'Cli-Passw0rd',
      '--tags',
      'key=team,value=data',
    ])) as { namespace: { namespaceName: string; status: string } };
    const configurations = await protectedByCli('cli-made');

    // Assess
    expect(created.namespace).toMatchObject({ namespaceName: 'cli-made', status: 'AVAILABLE' });
    expect(configurations).toEqual([
      expect.objectContaining({
        namespaceName: 'cli-made',
        destinationRegion: 'us-west-2',
        snapshotRetentionPeriod: 7,
        destinationKmsKeyId: 'AWS_OWNED_KMS_KEY',
      }),
    ]);
  });

  it('puts the sample Snapshot Copy Requested event on the bus, and the rule delivers it to the worker', async () => {
    // Prepare: the namespace the sample names, gold tier (policy rule "production").
    await aws([
      'redshift-serverless',
      'create-namespace',
      '--namespace-name',
      'prod-finance',
      '--tags',
      'key=dr-tier,value=gold',
    ]);
    const [configuration] = await protectedByCli('prod-finance');
    const ruleArn = (stats: Awaited<ReturnType<typeof localStats>>) =>
      Object.keys(stats.ruleStats).find((arn) => arn.endsWith('/copy-autopilot-local-copy-requested')) ?? '';
    const before = await localStats();

    // Act
    const put = await aws([
      'events',
      'put-events',
      '--entries',
      'file://events/put-events/snapshot-copy-requested.json',
    ]);
    const after = await eventually('the copy-requested rule delivered the event', async () => {
      const stats = await localStats();
      const delivered = stats.ruleStats[ruleArn(stats)]?.invoked ?? 0;
      return delivered > (before.ruleStats[ruleArn(before)]?.invoked ?? 0) ? stats : undefined;
    });
    // The worker takes it off the requests queue (already configured: nothing left, nothing dead-lettered).
    const drained = await eventually('the requests queue is drained', async () => {
      const { Attributes } = (await aws([
        'sqs',
        'get-queue-attributes',
        '--queue-url',
        queueUrl('copy-autopilot-local-requests'),
        '--attribute-names',
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
      ])) as { Attributes: Record<string, string> };
      return Attributes.ApproximateNumberOfMessages === '0' &&
        Attributes.ApproximateNumberOfMessagesNotVisible === '0'
        ? Attributes
        : undefined;
    });
    const dlq = (await aws([
      'sqs',
      'get-queue-attributes',
      '--queue-url',
      queueUrl('copy-autopilot-local-requests-dlq'),
      '--attribute-names',
      'ApproximateNumberOfMessages',
    ])) as { Attributes: Record<string, string> };

    // Assess
    expect(configuration).toMatchObject({ destinationRegion: 'us-west-2', snapshotRetentionPeriod: 30 });
    expect(put).toMatchObject({ FailedEntryCount: 0, Entries: [{ EventId: expect.any(String) }] });
    expect(after.ruleStats[ruleArn(after)]?.matched).toBeGreaterThan(
      before.ruleStats[ruleArn(before)]?.matched ?? 0,
    );
    expect(drained).toBeDefined();
    expect(dlq.Attributes.ApproximateNumberOfMessages).toBe('0');
    expect(await protectedByCli('prod-finance')).toHaveLength(1);
  });

  it('lists the deployed queues and reads their redrive settings', async () => {
    // Act
    const listed = (await aws(['sqs', 'list-queues'])) as { QueueUrls: string[] };
    const requests = (await aws([
      'sqs',
      'get-queue-attributes',
      '--queue-url',
      queueUrl('copy-autopilot-local-requests'),
      '--attribute-names',
      'All',
    ])) as { Attributes: Record<string, string> };
    const deadLetters = (await aws([
      'sqs',
      'get-queue-attributes',
      '--queue-url',
      queueUrl('copy-autopilot-local-requests-dlq'),
      '--attribute-names',
      'RedriveAllowPolicy',
      'MessageRetentionPeriod',
    ])) as { Attributes: Record<string, string> };

    // Assess
    expect(listed.QueueUrls).toEqual(
      expect.arrayContaining([
        queueUrl('copy-autopilot-local-requests'),
        queueUrl('copy-autopilot-local-requests-dlq'),
      ]),
    );
    expect(requests.Attributes).toMatchObject({
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:copy-autopilot-local-requests',
      VisibilityTimeout: '360',
    });
    expect(JSON.parse(requests.Attributes.RedrivePolicy ?? '{}')).toEqual({
      deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:copy-autopilot-local-requests-dlq',
      maxReceiveCount: 12,
    });
    expect(deadLetters.Attributes.MessageRetentionPeriod).toBe('1209600');
    expect(JSON.parse(deadLetters.Attributes.RedriveAllowPolicy ?? '{}')).toEqual({
      redrivePermission: 'byQueue',
      sourceQueueArns: ['arn:aws:sqs:us-east-1:000000000000:copy-autopilot-local-requests'],
    });
  });
});

describe('Real clients: boto3', { timeout: 90_000 }, () => {
  it('creates a namespace, sees it protected, puts an event and reads the queues', async () => {
    // Act
    const { stdout } = await runTool(python, {
      args: [
        'test/interop/realClients/boto3_session.py',
        endpoint,
        'boto3-made',
        'events/put-events/snapshot-copy-requested.json',
      ],
      cwd: REPO_ROOT,
      env: CLIENT_ENV,
    });
    const session = JSON.parse(stdout) as Record<string, unknown>;

    // Assess
    expect(session).toMatchObject({
      namespace: { name: 'boto3-made', status: 'AVAILABLE' },
      configurations: [{ destinationRegion: 'us-west-2', snapshotRetentionPeriod: 7 }],
      putEvents: { failedEntryCount: 0, eventIds: [expect.any(String)] },
      requestsQueue: {
        arn: 'arn:aws:sqs:us-east-1:000000000000:copy-autopilot-local-requests',
        redrivePolicy: { maxReceiveCount: 12 },
        visibilityTimeout: '360',
      },
    });
    expect(session.queueUrls).toEqual(
      expect.arrayContaining([
        queueUrl('copy-autopilot-local-requests'),
        queueUrl('copy-autopilot-local-requests-dlq'),
      ]),
    );
  });
});

describe("Real clients: Debian's AWS CLI v2 (SQS query protocol)", { timeout: 90_000 }, () => {
  it('lists, sends and receives over the query protocol', async () => {
    // Prepare: .ci/run installs it (apt-get install awscli); the preflight names it when missing.
    const queue = queueUrl('debian-cli-scratch');

    // Act
    const created = await aws(['sqs', 'create-queue', '--queue-name', 'debian-cli-scratch'], debianAwsCliV2);
    // --debug shows the request on stderr: form-encoded Action=ListQueues, the query protocol.
    const { stdout: listOutput, stderr: debug } = await runTool(debianAwsCliV2, {
      args: ['--endpoint-url', endpoint, '--output', 'json', '--debug', 'sqs', 'list-queues'],
      env: CLIENT_ENV,
    });
    const listed = JSON.parse(listOutput) as { QueueUrls: string[] };
    const sent = await aws(
      [
        'sqs',
        'send-message',
        '--queue-url',
        queue,
        '--message-body',
        'hello from the query protocol',
        '--message-attributes',
        '{"Kind":{"DataType":"String","StringValue":"greeting"}}',
      ],
      debianAwsCliV2,
    );
    const received = (await aws(
      [
        'sqs',
        'receive-message',
        '--queue-url',
        queue,
        '--message-attribute-names',
        'All',
        '--wait-time-seconds',
        '1',
      ],
      debianAwsCliV2,
    )) as { Messages: Record<string, unknown>[] };

    // Assess
    expect(debug).toContain("'Action': 'ListQueues'");
    expect(debug).toContain('application/x-www-form-urlencoded');
    expect(created).toEqual({ QueueUrl: queue });
    expect(listed.QueueUrls).toEqual(
      expect.arrayContaining([queueUrl('copy-autopilot-local-requests'), queue]),
    );
    expect(sent).toMatchObject({
      MessageId: expect.any(String),
      // MD5 of the body, as SQS computes it; the CLI checks both digests itself.
      MD5OfMessageBody: createHash('md5').update('hello from the query protocol').digest('hex'),
    });
    expect(received.Messages).toEqual([
      expect.objectContaining({
        MessageId: sent.MessageId,
        Body: 'hello from the query protocol',
        MessageAttributes: { Kind: { DataType: 'String', StringValue: 'greeting' } },
      }),
    ]);
  });
});

describe('Real clients: boto3 across accounts', { timeout: 90_000 }, () => {
  it('assumes a member role, is refused a missing one, and pages Organizations and Account', async () => {
    // Act: the script exits non-zero on its first failed check, which runTool reports with its output.
    const { stdout } = await runTool(python, {
      args: ['test/interop/boto3Accounts.py', endpoint],
      cwd: REPO_ROOT,
      env: CLIENT_ENV,
    });

    // Assess
    const checks = stdout.trim().split('\n');
    expect(checks.length).toBeGreaterThanOrEqual(6);
    expect(checks.filter((line) => !line.startsWith('ok '))).toEqual([]);
  });
});
