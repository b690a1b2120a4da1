import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateNamespaceCommand,
  CreateSnapshotCopyConfigurationCommand,
  RedshiftServerlessClient,
} from '@aws-sdk/client-redshift-serverless';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommandContext } from '../../src/cli/command.js';
import { status } from '../../src/cli/commands/status.js';
import { sweep } from '../../src/cli/commands/sweep.js';
import { createMemoryPrinter } from '../../src/cli/printer.js';
import { runCli } from '../../src/cli/run.js';
import type { SweepConfig } from '../../src/config/sweepConfig.js';
import { parsePolicy } from '../../src/domain/policy/parsePolicy.js';
import { parseCopyRequest } from '../../src/events/parseCopyRequest.js';
import { createSweepHandler, SweepIncompleteError } from '../../src/handlers/sweep.js';
import { createLocalCloud, type LocalCloud } from '../../src/local/localCloud.js';

const REGION = 'us-east-1';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const POLICY_TEXT = `
version: 1
rules:
  - name: sandboxes-stay-local
    match: { namespace: "sandbox-*" }
    skip: true
  - name: everything-else
    match: {}
    copyTo: { region: us-west-2, retentionDays: 7 }
`;

let cloud: LocalCloud;
let url: string;
let workDir: string;
let policyFile: string;
let redshift: RedshiftServerlessClient;
let eventBridge: EventBridgeClient;
let sqs: SQSClient;
let queueUrl: string;

beforeAll(async () => {
  cloud = createLocalCloud();
  ({ url } = await cloud.listen(0));
  workDir = mkdtempSync(join(tmpdir(), 'copy-autopilot-sweep-'));
  policyFile = join(workDir, 'copy-policy.yml');
  writeFileSync(policyFile, POLICY_TEXT);
  const config = { endpoint: url, region: REGION, credentials };
  redshift = new RedshiftServerlessClient(config);
  eventBridge = new EventBridgeClient(config);
  sqs = new SQSClient(config);
});

afterAll(async () => {
  for (const client of [redshift, eventBridge, sqs]) client.destroy();
  await cloud.close();
  rmSync(workDir, { recursive: true, force: true });
});

beforeEach(async () => {
  cloud.reset();
  // What the stack deploys: a rule for "Snapshot Copy Requested" that targets the requests queue.
  ({ QueueUrl: queueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: 'requests' })));
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  await eventBridge.send(
    new PutRuleCommand({
      Name: 'copy-requested',
      EventPattern: JSON.stringify({
        source: ['copy-autopilot'],
        'detail-type': ['Snapshot Copy Requested'],
      }),
    }),
  );
  await eventBridge.send(
    new PutTargetsCommand({
      Rule: 'copy-requested',
      Targets: [{ Id: 'requests', Arn: Attributes?.QueueArn }],
    }),
  );
});

afterEach(() => {
  vi.restoreAllMocks();
});

function cliContext(
  printer = createMemoryPrinter(),
  confirm = false,
): CommandContext & { printer: typeof printer } {
  return {
    printer,
    env: { AWS_ENDPOINT_URL: url, AWS_REGION: REGION, ...credentialsEnv() },
    cwd: workDir,
    interrupted: new Promise(() => undefined),
    confirm: async () => confirm,
  };
}

function credentialsEnv() {
  return { AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey };
}

async function cli(argv: string[], context = cliContext()) {
  const code = await runCli(argv, [status, sweep], context);
  return { code, out: context.printer.out, err: context.printer.err };
}

async function createNamespaces(...names: string[]): Promise<void> {
  for (const namespaceName of names) await redshift.send(new CreateNamespaceCommand({ namespaceName }));
}

/** Everything on the requests queue, removed from it. */
async function drainQueue(): Promise<Message[]> {
  const messages: Message[] = [];
  while (true) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    if (Messages.length === 0) return messages;
    messages.push(...Messages);
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((message, index) => ({
          Id: String(index),
          ReceiptHandle: message.ReceiptHandle,
        })),
      }),
    );
  }
}

function detailOf(message: Message): Record<string, unknown> {
  return (JSON.parse(message.Body ?? '{}') as { detail: Record<string, unknown> }).detail;
}

describe('CLI: status and sweep on the local cloud', () => {
  it('reports a namespace created before deployment as missing, sweeps it, and is compliant once the worker has run', async () => {
    // Prepare
    await createNamespaces('analytics-old', 'sandbox-play');

    // Act
    const before = await cli(['status', '--policy', policyFile]);
    const swept = await cli(['sweep', '--policy', policyFile, '--yes']);
    const requests = await drainQueue();
    // What the copy worker does with the request.
    await redshift.send(
      new CreateSnapshotCopyConfigurationCommand({
        namespaceName: 'analytics-old',
        destinationRegion: 'us-west-2',
        snapshotRetentionPeriod: 7,
      }),
    );
    const after = await cli(['status', '--policy', policyFile]);

    // Assess
    expect(before.code).toBe(1);
    expect(before.out.find((line) => line.startsWith('analytics-old '))).toMatch(
      /analytics-old\s+us-east-1\s+missing\s+everything-else\s+-\s+us-west-2 7d/,
    );
    expect(before.out.find((line) => line.startsWith('sandbox-play '))).toMatch(
      /skipped\s+sandboxes-stay-local/,
    );
    expect(before.out.at(-1)).toBe('2 namespaces in us-east-1: 1 missing, 1 skipped. 1 not compliant.');

    expect(swept.code).toBe(0);
    expect(swept.err).toContain('us-east-1 [##########] 2/2 namespaces, 1 non-compliant');
    expect(swept.out.at(-1)).toBe('us-east-1: 2 namespaces, 1 non-compliant, 1 requested on bus default.');

    expect(requests).toHaveLength(1);
    const body = requests[0]?.Body ?? '';
    expect(JSON.parse(body)).toMatchObject({
      source: 'copy-autopilot',
      'detail-type': 'Snapshot Copy Requested',
    });
    expect(detailOf(requests[0] as Message)).toMatchObject({
      namespaceName: 'analytics-old',
      region: REGION,
      origin: 'sweep',
      namespaceArn: expect.stringMatching(/^arn:aws:redshift-serverless:us-east-1:\d{12}:namespace\//),
    });
    // The worker's own parser accepts what the sweep put.
    expect(parseCopyRequest(body)).toMatchObject({
      kind: 'request',
      request: { origin: 'sweep', namespace: { name: 'analytics-old', region: REGION } },
    });

    expect(after.code).toBe(0);
    expect(after.out.find((line) => line.startsWith('analytics-old '))).toMatch(
      /protected\s+everything-else\s+us-west-2 7d\s+us-west-2 7d/,
    );
    expect(after.out.at(-1)).toBe('2 namespaces in us-east-1: 1 protected, 1 skipped. All compliant.');
  });

  it('puts nothing on the bus with --dry-run, and says what it would request', async () => {
    // Prepare
    await createNamespaces('analytics-a', 'analytics-b');

    // Act
    const result = await cli(['sweep', '--policy', policyFile, '--dry-run']);

    // Assess
    expect(result.code).toBe(1);
    expect(result.out.filter((line) => /^analytics-[ab]\s+us-east-1\s+missing/.test(line))).toHaveLength(2);
    expect(result.out.at(-1)).toBe('us-east-1: 2 namespaces, 2 non-compliant, dry run: nothing requested.');
    expect(await drainQueue()).toEqual([]);
  });

  it('puts nothing when the question is not answered yes', async () => {
    // Prepare
    await createNamespaces('analytics-a');

    // Act
    const result = await cli(['sweep', '--policy', policyFile]);

    // Assess
    expect(result.code).toBe(1);
    expect(result.out.at(-1)).toContain('not confirmed: nothing requested');
    expect(await drainQueue()).toEqual([]);
  });

  it('exits 0 and requests nothing when every namespace is compliant', async () => {
    // Prepare
    await createNamespaces('sandbox-a');

    // Act
    const result = await cli(['sweep', '--policy', policyFile]);

    // Assess
    expect(result.code).toBe(0);
    expect(result.out.at(-1)).toBe('us-east-1: 1 namespace, 0 non-compliant, 0 requested on bus default.');
  });

  it('pages through more than 100 namespaces', async () => {
    // Prepare
    const names = Array.from({ length: 205 }, (_, index) => `bulk-${String(index).padStart(3, '0')}`);
    await createNamespaces(...names);
    const listCallsBefore = cloud.redshift.callCounts().ListNamespaces ?? 0;

    // Act
    const result = await cli([
      'status',
      '--policy',
      policyFile,
      '--output',
      'json',
      '--rate',
      '10000',
      '--concurrency',
      '16',
    ]);
    const swept = await cli([
      'sweep',
      '--policy',
      policyFile,
      '--yes',
      '--rate',
      '10000',
      '--concurrency',
      '16',
    ]);
    const requests = await drainQueue();

    // Assess
    const report = JSON.parse(result.out.join('\n')) as {
      compliant: boolean;
      namespaces: { namespace: string; verdict: string }[];
    };
    expect(result.code).toBe(1);
    expect(report.compliant).toBe(false);
    expect(report.namespaces.map((row) => row.namespace)).toEqual(names);
    expect(new Set(report.namespaces.map((row) => row.verdict))).toEqual(new Set(['missing']));
    // 100 + 100 + 5, for status and again for the sweep.
    expect((cloud.redshift.callCounts().ListNamespaces ?? 0) - listCallsBefore).toBe(6);
    expect(swept.code).toBe(0);
    expect(swept.err.at(-1)).toBe('us-east-1 [##########] 205/205 namespaces, 205 non-compliant');
    expect(new Set(requests.map((message) => detailOf(message).namespaceName))).toEqual(new Set(names));
  });

  it('exits 1 and prints every issue when the policy is invalid', async () => {
    // Prepare
    const invalid = join(workDir, 'invalid.yml');
    writeFileSync(
      invalid,
      'version: 1\nrules:\n  - name: a\n    match: {}\n    copyTo: { region: us-west-9 }\n',
    );

    // Act
    const result = await cli(['status', '--policy', invalid]);

    // Assess
    expect(result.code).toBe(1);
    expect(result.err.join('\n')).toContain('us-west-9');
  });
});

describe('Handler: sweep (scheduled) on the local cloud', () => {
  const config: SweepConfig = {
    // Unused: the handler is given the policy itself.
    policyFile: '/nonexistent/copy-policy.yml',
    eventBusName: 'default',
    concurrency: 4,
    ratePerSecond: 1000,
    region: REGION,
  };

  function scheduledEvent(): ScheduledEvent {
    return {
      version: '0',
      id: 'b6f0c9a3-0000-4000-8000-000000000001',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: '2026-01-01T00:00:00Z',
      region: REGION,
      resources: ['arn:aws:events:us-east-1:000000000000:rule/copy-autopilot-sweep'],
      detail: {},
    };
  }

  function lambdaContext(): Context {
    return {
      callbackWaitsForEmptyEventLoop: true,
      functionName: 'copy-autopilot-test-sweep',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:copy-autopilot-test-sweep',
      memoryLimitInMB: '256',
      awsRequestId: 'request-1',
      logGroupName: '/aws/lambda/copy-autopilot-test-sweep',
      logStreamName: 'local',
      getRemainingTimeInMillis: () => 60_000,
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
  }

  it('enqueues a request for each non-compliant namespace of its region and counts them', async () => {
    // Prepare
    await createNamespaces('analytics-old', 'sandbox-play', 'analytics-done');
    await redshift.send(
      new CreateSnapshotCopyConfigurationCommand({
        namespaceName: 'analytics-done',
        destinationRegion: 'us-west-2',
        snapshotRetentionPeriod: 7,
      }),
    );
    const output: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    });
    const handler = createSweepHandler({
      config,
      policy: parsePolicy(POLICY_TEXT),
      redshift,
      eventBridge,
    });

    // Act
    const result = await handler(scheduledEvent(), lambdaContext());
    vi.restoreAllMocks();
    const requests = await drainQueue();

    // Assess
    expect(result).toEqual({ region: REGION, namespaces: 3, nonCompliant: 1, enqueued: 1 });
    expect(requests.map((message) => detailOf(message))).toEqual([
      expect.objectContaining({ namespaceName: 'analytics-old', origin: 'sweep' }),
    ]);
    const emf = output
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.includes('"_aws"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(emf).toContainEqual(expect.objectContaining({ SweepEnqueued: 1, SweepNamespacesSeen: 3 }));
  });

  it('fails the invocation, after counting, when EventBridge does not accept the requests', async () => {
    // Prepare
    await createNamespaces('analytics-old');
    const output: string[] = [];
    // Error lines go to stderr, EMF to stdout, as in Lambda.
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        output.push(String(chunk));
        return true;
      });
    }
    const handler = createSweepHandler({
      config: { ...config, eventBusName: 'no-such-bus' },
      policy: parsePolicy(POLICY_TEXT),
      redshift,
      eventBridge,
    });

    // Act
    const invocation = handler(scheduledEvent(), lambdaContext());

    // Assess
    await expect(invocation).rejects.toThrow(SweepIncompleteError);
    vi.restoreAllMocks();
    const lines = output.flatMap((chunk) => chunk.split('\n')).filter((line) => line.startsWith('{'));
    expect(lines.some((line) => line.includes('request not accepted by EventBridge'))).toBe(true);
    expect(lines).toContainEqual(expect.stringContaining('"SweepEnqueued":0'));
  });
});
