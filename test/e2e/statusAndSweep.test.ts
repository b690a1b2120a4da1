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
import type { SQSEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClientCache } from '../../src/aws/clientCache.js';
import type { CommandContext } from '../../src/cli/command.js';
import { status } from '../../src/cli/commands/status.js';
import { sweep } from '../../src/cli/commands/sweep.js';
import { createMemoryPrinter } from '../../src/cli/printer.js';
import { runCli } from '../../src/cli/run.js';
import type { SweepWorkerConfig } from '../../src/config/sweepWorkerConfig.js';
import { parseCopyRequest } from '../../src/events/parseCopyRequest.js';
import { createLocalCloud, type LocalCloud } from '../../src/local/localCloud.js';
import { parsePolicy } from '../../src/policyFiles/parsePolicy.js';
import { lambdaContext, sqsRecord } from '../fixtures/copyWorkerFixtures.js';
import { stubHandlerEnvironment } from '../fixtures/handlerEnvironment.js';

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
/** Every call the local cloud answered, by `Service.Operation`, since the last reset. */
const calls = new Map<string, number>();
let workDir: string;
let policyFile: string;
let redshift: RedshiftServerlessClient;
let eventBridge: EventBridgeClient;
let sqs: SQSClient;
let queueUrl: string;

beforeAll(async () => {
  cloud = createLocalCloud({ log: (entry) => calls.set(entry.call, (calls.get(entry.call) ?? 0) + 1) });
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
  calls.clear();
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

/** Redshift Serverless calls the local cloud counted (its control API's /_local/stats). */
async function redshiftCalls(): Promise<Record<string, number>> {
  const response = await fetch(`${url}/_local/stats`);
  return ((await response.json()) as { redshiftCalls: Record<string, number> }).redshiftCalls;
}

function total(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

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

    // Assess: a summary per target, then the namespaces that are not compliant
    expect(before.code).toBe(1);
    expect(before.out[0]).toMatch(/^ACCOUNT\s+REGION\s+NAMESPACES\s+NON-COMPLIANT\s+STATUS$/);
    expect(before.out[1]).toMatch(/^000000000000\s+us-east-1\s+2\s+1\s+ok$/);
    expect(before.out.find((line) => line.startsWith('analytics-old '))).toMatch(
      /analytics-old\s+000000000000\s+us-east-1\s+missing\s+everything-else\s+-\s+us-west-2 7d/,
    );
    expect(before.out.some((line) => line.startsWith('sandbox-play '))).toBe(false);
    expect(before.out.at(-1)).toBe('2 namespaces in 1 target: 1 missing, 1 skipped. 1 not compliant.');

    expect(swept.code).toBe(0);
    expect(swept.err.at(-1)).toBe('[##########] 1/1 target, 2/2 namespaces, 1 non-compliant');
    expect(swept.out.at(-1)).toBe('2 namespaces in 1 target, 1 non-compliant, 1 requested on bus default.');

    expect(requests).toHaveLength(1);
    const body = requests[0]?.Body ?? '';
    expect(JSON.parse(body)).toMatchObject({
      source: 'copy-autopilot',
      'detail-type': 'Snapshot Copy Requested',
    });
    expect(detailOf(requests[0] as Message)).toMatchObject({
      namespaceName: 'analytics-old',
      region: REGION,
      account: '000000000000',
      origin: 'sweep',
      namespaceArn: expect.stringMatching(/^arn:aws:redshift-serverless:us-east-1:\d{12}:namespace\//),
    });
    // The worker's own parser accepts what the sweep put.
    expect(parseCopyRequest(body)).toMatchObject({
      kind: 'request',
      request: { origin: 'sweep', namespace: { name: 'analytics-old', region: REGION } },
    });

    expect(after.code).toBe(0);
    expect(after.out[1]).toMatch(/^000000000000\s+us-east-1\s+2\s+0\s+ok$/);
    expect(after.out.at(-1)).toBe('2 namespaces in 1 target: 1 protected, 1 skipped. All compliant.');
  });

  it('prints what it would request with --dry-run, puts nothing, and exits 0', async () => {
    // Prepare
    await createNamespaces('analytics-a', 'analytics-b');

    // Act
    const result = await cli(['sweep', '--policy', policyFile, '--dry-run']);

    // Assess
    expect(result.code).toBe(0);
    expect(
      result.out.filter((line) => /^analytics-[ab]\s+000000000000\s+us-east-1\s+missing/.test(line)),
    ).toHaveLength(2);
    expect(result.out.at(-1)).toBe('2 namespaces in 1 target, 2 non-compliant, dry run: nothing requested.');
    expect(await drainQueue()).toEqual([]);
  });

  it('puts nothing, and exits 1, when the question is not answered yes', async () => {
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
    expect(result.out.at(-1)).toBe('1 namespace in 1 target, 0 non-compliant, 0 requested on bus default.');
  });

  it('pages through more than 100 namespaces at 0.05 Redshift Serverless calls per namespace and 0.1 PutEvents per request', async () => {
    // Prepare
    const names = Array.from({ length: 210 }, (_, index) => `bulk-${String(index).padStart(3, '0')}`);
    await createNamespaces(...names);
    const before = await redshiftCalls();
    const fast = ['--rate', '10000', '--concurrency', '16'];

    // Act
    const result = await cli(['status', '--policy', policyFile, '--output', 'json', ...fast]);
    const afterStatus = await redshiftCalls();
    const swept = await cli(['sweep', '--policy', policyFile, '--yes', ...fast]);
    const afterSweep = await redshiftCalls();
    const requests = await drainQueue();

    // Assess
    const report = JSON.parse(result.out.join('\n')) as {
      compliant: boolean;
      targets: { account: string; region: string; status: string; namespaces: number }[];
      namespaces: { namespace: string; verdict: string }[];
    };
    expect(result.code).toBe(1);
    expect(report.compliant).toBe(false);
    expect(report.targets).toEqual([
      expect.objectContaining({ account: '000000000000', region: REGION, status: 'ok', namespaces: 210 }),
    ]);
    expect(report.namespaces.map((row) => row.namespace)).toEqual(names);
    expect(new Set(report.namespaces.map((row) => row.verdict))).toEqual(new Set(['missing']));
    // Three pages of namespaces (100 + 100 + 10) and one of configurations (there are none), no tag read.
    const forStatus = diff(afterStatus, before);
    expect(forStatus).toEqual({ ListNamespaces: 3, ListSnapshotCopyConfigurations: 1 });
    expect(total(forStatus) / 210).toBeLessThanOrEqual(0.05);
    expect(swept.code).toBe(0);
    expect(swept.err.at(-1)).toBe('[##########] 1/1 target, 210/210 namespaces, 210 non-compliant');
    expect(total(diff(afterSweep, afterStatus)) / 210).toBeLessThanOrEqual(0.05);
    expect(new Set(requests.map((message) => detailOf(message).namespaceName))).toEqual(new Set(names));
    // 21 PutEvents of ten entries.
    expect(calls.get('AWSEvents.PutEvents')).toBe(21);
    expect((calls.get('AWSEvents.PutEvents') ?? 0) / requests.length).toBeLessThanOrEqual(0.1);
  });

  it('reads tags only for the namespaces a tag rule could match: at most 1.05 calls per namespace', async () => {
    // Prepare: every namespace is prod-*, and the production rule looks at dr-tier
    const tagPolicy = join(import.meta.dirname, '../fixtures/policies/production-reads-tags.yml');
    const names = Array.from({ length: 120 }, (_, index) => `prod-${String(index).padStart(3, '0')}`);
    await createNamespaces(...names, 'dev-one');
    const before = await redshiftCalls();

    // Act
    const result = await cli(['status', '--policy', tagPolicy, '--output', 'json', '--rate', '10000']);

    // Assess
    const counts = diff(await redshiftCalls(), before);
    expect(result.code).toBe(1);
    expect(counts).toEqual({
      ListNamespaces: 2,
      ListSnapshotCopyConfigurations: 1,
      ListTagsForResource: 120,
    });
    expect(total(counts) / 121).toBeLessThanOrEqual(1.05);
  });

  it('prints one CSV row per namespace with the account, region, verdict, rule and detail, quoted where needed', async () => {
    // Prepare
    await createNamespaces('analytics-old', 'sandbox-play');

    // Act
    const result = await cli(['status', '--policy', policyFile, '--output', 'csv']);

    // Assess
    expect(result.code).toBe(1);
    expect(result.out).toEqual([
      'account,region,namespace,verdict,rule,current_copy,wanted_copy,detail,arn',
      expect.stringMatching(
        /^000000000000,us-east-1,analytics-old,missing,everything-else,,us-west-2 7d,"no copy configuration; wants us-west-2, 7 days",arn:aws:redshift-serverless:us-east-1:000000000000:namespace\/.+$/,
      ),
      expect.stringMatching(
        /^000000000000,us-east-1,sandbox-play,skipped,sandboxes-stay-local,,,"rule ""sandboxes-stay-local"" says skip",arn:/,
      ),
    ]);
  });

  it('reports a region that fails with its error, still reports the other one, and exits 3', async () => {
    // Prepare: a namespace in each region; the first region to ask is refused
    await createNamespaces('analytics-east');
    const west = new RedshiftServerlessClient({ endpoint: url, region: 'eu-west-1', credentials });
    await west.send(new CreateNamespaceCommand({ namespaceName: 'analytics-west' }));
    west.destroy();
    cloud.faults.add({
      service: 'RedshiftServerless',
      operation: 'ListNamespaces',
      error: { code: 'AccessDeniedException', message: 'not allowed here', statusCode: 400 },
      count: 1,
    });

    // Act
    const result = await cli(['status', '--policy', policyFile, '--regions', 'us-east-1,eu-west-1']);

    // Assess
    expect(result.code).toBe(3);
    const summary = result.out.slice(1, 3);
    expect(summary.filter((line) => /\bok$/.test(line))).toHaveLength(1);
    expect(
      summary.filter((line) => line.endsWith('failed: AccessDeniedException: not allowed here')),
    ).toHaveLength(1);
    expect(result.out.at(-1)).toMatch(
      /^1 namespace in 2 targets: 1 missing\. 1 not compliant\. 1 target could not be read\.$/,
    );
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

  it('exits 2 on an --output it does not know and on an account that is not one, before calling AWS', async () => {
    // Prepare
    calls.clear();

    // Act
    const format = await cli(['status', '--policy', policyFile, '--output', 'yaml']);
    const account = await cli(['sweep', '--policy', policyFile, '--accounts', '1234']);

    // Assess
    expect(format.code).toBe(2);
    expect(account.code).toBe(2);
    expect(account.err[0]).toBe('error: not an account id: 1234');
    expect(calls.size).toBe(0);
  });
});

function diff(after: Readonly<Record<string, number>>, before: Readonly<Record<string, number>>) {
  return Object.fromEntries(
    Object.entries(after)
      .map(([name, count]) => [name, count - (before[name] ?? 0)] as const)
      .filter(([, count]) => count > 0),
  );
}

describe('Handler: sweepWorker on the local cloud', () => {
  // The module builds its own wiring at import, from the environment.
  let createSweepWorker: typeof import('../../src/handlers/sweepWorker.js')['createSweepWorker'];

  beforeAll(async () => {
    stubHandlerEnvironment();
    ({ createSweepWorker } = await import('../../src/handlers/sweepWorker.js'));
  });

  afterAll(() => {
    vi.unstubAllEnvs();
  });

  const config: SweepWorkerConfig = {
    // Unused: the handler is given the policy itself.
    policyFile: '/nonexistent/copy-policy.yml',
    eventBusName: 'default',
    concurrency: 4,
    ratePerSecond: 1000,
    deadLetterQueueUrl: '',
    maxAttempts: 5,
    backoff: { baseSeconds: 60, maxSeconds: 900 },
    region: REGION,
    accountId: '000000000000',
  };

  function taskEvent(queueArn: string, body: string): SQSEvent {
    return { Records: [sqsRecord(body, { messageId: 'task-1', eventSourceArn: queueArn })] };
  }

  async function worker(overrides: Partial<SweepWorkerConfig> = {}) {
    const { QueueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: 'sweep-tasks-dlq' }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: (await sqs.send(new CreateQueueCommand({ QueueName: 'sweep-tasks' }))).QueueUrl,
        AttributeNames: ['QueueArn'],
      }),
    );
    const settings = { ...config, deadLetterQueueUrl: QueueUrl, endpointUrl: url, ...overrides };
    const handler = createSweepWorker({
      config: settings,
      policy: parsePolicy(POLICY_TEXT),
      clients: new ClientCache({
        homeRegion: REGION,
        ownAccountId: settings.accountId,
        endpointUrl: url,
        createRedshiftServerless: (client) => new RedshiftServerlessClient({ ...client, credentials }),
        createSqs: (client) => new SQSClient({ ...client, credentials }),
      }),
      eventBridge,
      random: () => 0,
      requestOptions: { sleep: async () => undefined },
    });
    return { handler, queueArn: Attributes?.QueueArn ?? '' };
  }

  function captureStdout(): string[] {
    const output: string[] = [];
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        output.push(String(chunk));
        return true;
      });
    }
    return output;
  }

  it('requests protection for each non-compliant namespace of its target, in two listing calls, and counts them', async () => {
    // Prepare
    await createNamespaces('analytics-old', 'sandbox-play', 'analytics-done');
    await redshift.send(
      new CreateSnapshotCopyConfigurationCommand({
        namespaceName: 'analytics-done',
        destinationRegion: 'us-west-2',
        snapshotRetentionPeriod: 7,
      }),
    );
    const { handler, queueArn } = await worker();
    const before = await redshiftCalls();
    const output = captureStdout();
    const task = JSON.stringify({ account: '000000000000', region: REGION, planId: 'plan-1' });

    // Act
    const response = await handler(
      taskEvent(queueArn, task),
      lambdaContext('copy-autopilot-test-sweepWorker'),
    );
    vi.restoreAllMocks();
    const requests = await drainQueue();

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(requests.map((message) => detailOf(message))).toEqual([
      expect.objectContaining({ namespaceName: 'analytics-old', account: '000000000000', origin: 'sweep' }),
    ]);
    expect(diff(await redshiftCalls(), before)).toEqual({
      ListNamespaces: 1,
      ListSnapshotCopyConfigurations: 1,
    });
    const emf = output
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.includes('"_aws"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(emf).toContainEqual(expect.objectContaining({ SweepEnqueued: 1, SweepNamespacesSeen: 3 }));
  });

  it('returns the task to its queue when EventBridge does not accept the requests', async () => {
    // Prepare
    await createNamespaces('analytics-old');
    const { handler, queueArn } = await worker({ eventBusName: 'no-such-bus' });
    const output = captureStdout();
    const task = JSON.stringify({ account: '000000000000', region: REGION, planId: 'plan-1' });

    // Act
    const response = await handler(
      taskEvent(queueArn, task),
      lambdaContext('copy-autopilot-test-sweepWorker'),
    );
    vi.restoreAllMocks();

    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'task-1' }] });
    const lines = output.flatMap((chunk) => chunk.split('\n')).filter((line) => line.startsWith('{'));
    expect(lines).toContainEqual(expect.stringContaining('"message":"sweep target retried"'));
    expect(lines).toContainEqual(expect.stringContaining('ResourceNotFoundException'));
  });
});
