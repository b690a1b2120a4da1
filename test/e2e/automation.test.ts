import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateNamespaceCommand,
  DeleteSnapshotCopyConfigurationCommand,
  GetNamespaceCommand,
  ListSnapshotCopyConfigurationsCommand,
  type SnapshotCopyConfiguration,
  TagResourceCommand,
} from '@aws-sdk/client-redshift-serverless';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/cli/command.js';
import { dlqRedrive } from '../../src/cli/commands/dlqRedrive.js';
import { createMemoryPrinter } from '../../src/cli/printer.js';
import { runCli } from '../../src/cli/run.js';
import { sumOf } from '../../src/local/runner/emfMetrics.js';
import { LambdaRunner } from '../../src/local/runner/lambdaRunner.js';
import {
  LOCAL_CREDENTIALS,
  type LocalAutomation,
  startLocalAutomation,
} from '../../src/local/runner/startLocalAutomation.js';
import { LOCAL_ACCOUNT_ID } from '../../src/local/services/contracts.js';
import { compilePolicyFile } from '../../src/policyFiles/compilePolicy.js';
import {
  attributesOf,
  deadLetterWhere,
  eventually,
  peekDeadLetters,
} from '../fixtures/localAutomationProbes.js';

/**
 * The automation end to end on the local cloud: serverless.yml packaged and deployed onto it,
 * the real worker handler run by the Lambda runner, and everything driven and observed through
 * real SDK v3 clients over HTTP, the way an operator would.
 */

const SERVICE_DIR = fileURLToPath(new URL('../..', import.meta.url));
// Valid when packaged, but dead-letters mirror-* namespaces (they would copy to their own region).
const POLICY_FILE = 'test/fixtures/policies/copies-to-home-region.yml';
const FIXED_POLICY_FILE = 'test/fixtures/policies/copies-to-home-region-fixed.yml';

let automation: LocalAutomation;

beforeAll(async () => {
  automation = await startLocalAutomation({
    serviceDir: SERVICE_DIR,
    port: 0,
    params: { policyFile: POLICY_FILE },
  });
});

afterAll(async () => {
  await automation?.close();
});

function queue(logicalId: 'RequestsQueue' | 'RequestsDeadLetterQueue') {
  const found = automation.deployment.queues[logicalId];
  if (!found) throw new Error(`the deployment has no ${logicalId}`);
  return found;
}

async function copyConfigurationsOf(namespaceName: string): Promise<SnapshotCopyConfiguration[]> {
  const response = await automation.clients.redshift.send(
    new ListSnapshotCopyConfigurationsCommand({ namespaceName }),
  );
  return response.snapshotCopyConfigurations ?? [];
}

async function protectedConfiguration(namespaceName: string): Promise<SnapshotCopyConfiguration> {
  return eventually(`${namespaceName} has a snapshot copy configuration`, async () => {
    const [configuration] = await copyConfigurationsOf(namespaceName);
    return configuration;
  });
}

async function createNamespace(namespaceName: string): Promise<void> {
  await automation.clients.redshift.send(
    new CreateNamespaceCommand({
      namespaceName,
      adminUsername: 'admin',
      adminUserPassword: 'E2e-Passw0rd-never-logged',
    }),
  );
}

interface WorkerLine {
  readonly outcome: string;
  readonly namespace: string;
  readonly attempts: number;
  readonly messageId: string;
  readonly errorName?: string;
  readonly duplicate?: boolean;
  readonly rule?: string;
}

/** The worker's one structured line per record, for one namespace, from the given runner. */
function workerLines(namespace: string, runner = automation.runner): WorkerLine[] {
  return runner.logs
    .filter((line) => line.namespace === namespace && typeof line.outcome === 'string')
    .map((line) => line as unknown as WorkerLine);
}

async function deadLetterOf(namespace: string): Promise<Message> {
  return deadLetterWhere(
    automation,
    `a message for ${namespace}`,
    (attributes) => attributes.Namespace === namespace,
  );
}

function snapshotCopyRequested(id: string, namespaceName: string): Record<string, unknown> {
  return {
    version: '0',
    id,
    'detail-type': 'Snapshot Copy Requested',
    source: 'copy-autopilot',
    account: LOCAL_ACCOUNT_ID,
    time: new Date().toISOString(),
    region: automation.region,
    resources: [],
    detail: { namespaceName },
  };
}

/** A queue that a probe rule fills with the CloudTrail events of failed CreateNamespace calls; its URL. */
async function probeFailedCreateNamespace(): Promise<string> {
  const { sqs, events } = automation.clients;
  const { QueueUrl: probeUrl = '' } = await sqs.send(
    new CreateQueueCommand({ QueueName: 'e2e-failed-calls' }),
  );
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: probeUrl, AttributeNames: ['QueueArn'] }),
  );
  const pattern = {
    source: ['aws.redshift-serverless'],
    detail: { eventName: ['CreateNamespace'], errorCode: [{ exists: true }] },
  };
  const Name = 'e2e-failed-create-namespace';
  await events.send(new PutRuleCommand({ Name, EventPattern: JSON.stringify(pattern) }));
  await events.send(
    new PutTargetsCommand({ Rule: Name, Targets: [{ Id: 'probe', Arn: Attributes?.QueueArn }] }),
  );
  return probeUrl;
}

describe('Local automation: a namespace created through the SDK', { timeout: 60_000 }, () => {
  it('gets the snapshot copy configuration its policy rule names', async () => {
    // Prepare
    const namespaceName = 'e2e-created';
    const protectedBefore = sumOf(automation.runner.metrics, 'Protected');

    // Act
    await createNamespace(namespaceName);
    const configuration = await protectedConfiguration(namespaceName);
    // The worker logs (and counts) the outcome right after the Create it reports.
    const line = await eventually('the worker logs the outcome', () => workerLines(namespaceName)[0]);

    // Assess
    expect(configuration).toMatchObject({
      namespaceName,
      destinationRegion: 'us-west-2',
      snapshotRetentionPeriod: 7,
      destinationKmsKeyId: 'AWS_OWNED_KMS_KEY',
    });
    expect(await copyConfigurationsOf(namespaceName)).toHaveLength(1);
    expect(automation.cloud.redshift.createCounts()[namespaceName]).toBe(1);
    expect(line).toMatchObject({ outcome: 'protected', rule: 'everything-else', attempts: 1 });
    // EMF metrics are flushed when the invocation ends, just after the log line.
    await eventually('Protected is counted', () =>
      sumOf(automation.runner.metrics, 'Protected') > protectedBefore ? true : undefined,
    );
  });

  it('follows a tag change: a namespace tagged gold after creation gets the gold rule’s retention', async () => {
    // Prepare: protected by everything-else (7 days) when created without tags
    const namespaceName = 'e2e-retagged';
    await createNamespace(namespaceName);
    await protectedConfiguration(namespaceName);
    const { namespace } = await automation.clients.redshift.send(new GetNamespaceCommand({ namespaceName }));

    // Act: TagResource is recorded by CloudTrail; the tag rule forwards it (namespace known by ARN)
    await automation.clients.redshift.send(
      new TagResourceCommand({
        resourceArn: namespace?.namespaceArn,
        tags: [{ key: 'dr-tier', value: 'gold' }],
      }),
    );
    const updated = await eventually('the retention follows the gold rule', async () => {
      const [configuration] = await copyConfigurationsOf(namespaceName);
      return configuration?.snapshotRetentionPeriod === 30 ? configuration : undefined;
    });

    // Assess
    expect(updated).toMatchObject({ destinationRegion: 'us-west-2', snapshotRetentionPeriod: 30 });
    expect(automation.cloud.redshift.createCounts()[namespaceName]).toBe(1);
    expect(
      await eventually('the worker logs the update', () =>
        workerLines(namespaceName).find((line) => line.outcome === 'retention-updated'),
      ),
    ).toMatchObject({ rule: 'gold' });
    // CloudTrail records the worker's own update and sends it back: it ends there, no loop.
    expect(
      await eventually('the worker sees its own update come back', () =>
        workerLines(namespaceName).find((line) => line.outcome === 'already-configured'),
      ),
    ).toMatchObject({ rule: 'gold' });
    expect(workerLines(namespaceName).filter((line) => line.outcome === 'retention-updated')).toHaveLength(1);
  });
});

describe('Local automation: a deleted configuration', { timeout: 60_000 }, () => {
  it('restores a configuration someone deletes, within seconds, from the CloudTrail event', async () => {
    // Prepare
    const namespaceName = 'e2e-healed';
    await createNamespace(namespaceName);
    const original = await protectedConfiguration(namespaceName);
    const restoredBefore = sumOf(automation.runner.metrics, 'Restored');

    // Act
    await automation.clients.redshift.send(
      new DeleteSnapshotCopyConfigurationCommand({
        snapshotCopyConfigurationId: original.snapshotCopyConfigurationId,
      }),
    );
    const restored = await eventually('the configuration is back', async () => {
      const [configuration] = await copyConfigurationsOf(namespaceName);
      return configuration?.snapshotCopyConfigurationId !== original.snapshotCopyConfigurationId
        ? configuration
        : undefined;
    });

    // Assess
    expect(restored).toMatchObject({ destinationRegion: 'us-west-2', snapshotRetentionPeriod: 7 });
    expect(automation.cloud.redshift.createCounts()[namespaceName]).toBe(2);
    expect(
      await eventually('the worker logs the restoration', () =>
        workerLines(namespaceName).find((line) => line.outcome === 'restored'),
      ),
    ).toMatchObject({ rule: 'everything-else' });
    await eventually('Restored is counted', () =>
      sumOf(automation.runner.metrics, 'Restored') > restoredBefore ? true : undefined,
    );
  });
});

describe('Local automation: retries and dead letters', { timeout: 60_000 }, () => {
  it('is retried while the namespace is busy (ConflictException) and created exactly once', async () => {
    // Prepare
    const namespaceName = 'e2e-busy';
    const retriedKey = 'Retried{ErrorName=ConflictException}';
    const retriedBefore = sumOf(automation.runner.metrics, retriedKey);
    // Busy long enough that the first attempt (about a second after creation) meets a Conflict.
    automation.cloud.redshift.markBusy(namespaceName, 4);

    // Act
    await createNamespace(namespaceName);
    const configuration = await protectedConfiguration(namespaceName);
    // The metric is flushed with the log line that says "protected"; wait for that line too.
    const done = await eventually('the worker logs the protected outcome', () =>
      workerLines(namespaceName).find((line) => line.outcome === 'protected'),
    );

    // Assess
    expect(configuration).toMatchObject({ destinationRegion: 'us-west-2', snapshotRetentionPeriod: 7 });
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    expect(workerLines(namespaceName)).toContainEqual(
      expect.objectContaining({ outcome: 'retry', errorName: 'ConflictException', attempts: 1 }),
    );
    expect(sumOf(automation.runner.metrics, retriedKey)).toBeGreaterThan(retriedBefore);
    expect(automation.cloud.redshift.createCounts()[namespaceName]).toBe(1);
    expect(
      (await peekDeadLetters(automation)).map((message) => attributesOf(message).Namespace),
    ).not.toContain(namespaceName);
  });

  it('is dead-lettered at once with its reason when the service answers ValidationException', async () => {
    // Prepare
    const namespaceName = 'e2e-rejected';
    const message = 'The KMS key is not in the destination region us-west-2.';
    automation.cloud.faults.add({
      service: 'RedshiftServerless',
      operation: 'CreateSnapshotCopyConfiguration',
      matchBody: { namespaceName },
      error: { code: 'ValidationException', message, statusCode: 400 },
    });

    // Act
    await createNamespace(namespaceName);
    const letter = await deadLetterOf(namespaceName);

    // Assess
    expect(attributesOf(letter)).toMatchObject({
      ErrorName: 'ValidationException',
      ErrorMessage: message,
      Reason: 'NonRetryableError',
      Attempts: '1',
      PolicyRule: 'everything-else',
      Namespace: namespaceName,
    });
    // The body is the original event, unchanged, so the letter can be redriven once fixed.
    expect(JSON.parse(letter.Body ?? '{}')).toMatchObject({
      source: 'aws.redshift-serverless',
      detail: { eventName: 'CreateNamespace', requestParameters: { namespaceName } },
    });
    expect(await copyConfigurationsOf(namespaceName)).toEqual([]);
    expect(automation.cloud.redshift.createCounts()[namespaceName] ?? 0).toBe(0);
    expect(workerLines(namespaceName).map((line) => line.outcome)).toEqual(['dead-lettered']);

    // A person has read it: take it off the DLQ so the redrive below moves only its own letter.
    await automation.clients.sqs.send(
      new DeleteMessageCommand({
        QueueUrl: queue('RequestsDeadLetterQueue').url,
        ReceiptHandle: letter.ReceiptHandle,
      }),
    );
  });
});

describe('Local automation: duplicates and failed calls', { timeout: 60_000 }, () => {
  it('creates one configuration for duplicate deliveries of one request and the CreateNamespace event', async () => {
    // Prepare
    const namespaceName = 'e2e-duplicated';
    const request = JSON.stringify(snapshotCopyRequested('e2e-duplicate-request-1', namespaceName));

    // Act: the namespace's own CloudTrail event, then one request delivered twice (at-least-once).
    await createNamespace(namespaceName);
    for (let copy = 0; copy < 2; copy += 1) {
      await automation.clients.sqs.send(
        new SendMessageCommand({ QueueUrl: queue('RequestsQueue').url, MessageBody: request }),
      );
    }
    const settled = await eventually('all three deliveries have a final outcome', () => {
      const finals = workerLines(namespaceName).filter((line) => line.outcome !== 'retry');
      return finals.length >= 3 ? finals : undefined;
    });

    // Assess
    expect(await copyConfigurationsOf(namespaceName)).toHaveLength(1);
    expect(automation.cloud.redshift.createCounts()[namespaceName]).toBe(1);
    expect(settled.filter((line) => line.outcome === 'protected' && line.duplicate !== true)).toHaveLength(1);
    expect(new Set(settled.map((line) => line.outcome))).toSatisfy((outcomes: Set<string>) =>
      [...outcomes].every((outcome) => outcome === 'protected' || outcome === 'already-configured'),
    );
  });

  it('never forwards a CreateNamespace that failed (the rule filters on errorCode)', async () => {
    // Prepare: a namespace that exists, and a probe rule that catches failed CreateNamespace calls,
    // to prove the failed call's CloudTrail event did reach the bus.
    const namespaceName = 'e2e-taken';
    await createNamespace(namespaceName);
    await protectedConfiguration(namespaceName);
    const probeUrl = await probeFailedCreateNamespace();
    const namespaceCreatedRule = Object.keys(automation.cloud.events.ruleStats()).find((arn) =>
      arn.endsWith('/copy-autopilot-local-namespace-created'),
    );
    const matchedBefore = automation.cloud.events.ruleStats()[namespaceCreatedRule ?? '']?.matched;

    // Act
    const failure = await createNamespace(namespaceName).catch((error: unknown) => error);
    await automation.cloud.events.drain();
    const { Messages: probed = [] } = await automation.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: probeUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );

    // Assess
    expect(failure).toMatchObject({ name: 'ConflictException' });
    expect(probed).toHaveLength(1);
    expect(JSON.parse(probed[0]?.Body ?? '{}')).toMatchObject({
      detail: { eventName: 'CreateNamespace', errorCode: 'ConflictException' },
    });
    expect(namespaceCreatedRule).toBeDefined();
    expect(matchedBefore).toBeGreaterThan(0);
    expect(automation.cloud.events.ruleStats()[namespaceCreatedRule ?? '']?.matched).toBe(matchedBefore);
    expect(workerLines(namespaceName).map((line) => line.outcome)).toEqual(['protected']);
    expect(automation.cloud.redshift.createCounts()[namespaceName]).toBe(1);
  });
});

describe('Local automation: a fixed policy and dlq redrive', { timeout: 60_000 }, () => {
  it('protects a dead-lettered namespace once the policy is fixed and `dlq redrive` is run', async () => {
    // Prepare: the deployed policy sends mirror-* to their own region, so the worker refuses.
    const namespaceName = 'mirror-orders';
    await createNamespace(namespaceName);
    const letter = await deadLetterOf(namespaceName);
    expect(attributesOf(letter)).toMatchObject({
      Reason: 'PolicyInvalid',
      PolicyRule: 'mirrors',
      Namespace: namespaceName,
    });
    expect(attributesOf(letter).ErrorMessage).toContain('own region');
    expect(await copyConfigurationsOf(namespaceName)).toEqual([]);
    const fixedRunner = await redeployWithFixedPolicy();
    try {
      // Act
      const redrive = await runDlqRedrive();
      const configuration = await protectedConfiguration(namespaceName);

      // Assess
      expect({ code: redrive.code, err: redrive.err }).toMatchObject({ code: 0 });
      expect(redrive.out).toEqual([
        'moved 1 message(s) from copy-autopilot-local-requests-dlq to copy-autopilot-local-requests',
      ]);
      expect(configuration).toMatchObject({ destinationRegion: 'us-east-2', snapshotRetentionPeriod: 3 });
      // The worker logs its outcome after it saved the idempotency record, a moment after the
      // configuration became visible: wait for the line rather than race it.
      const outcome = await eventually('the fixed worker logs its outcome', () =>
        workerLines(namespaceName, fixedRunner).find((line) => line.outcome === 'protected'),
      );
      expect(outcome).toMatchObject({ outcome: 'protected', rule: 'east-mirrors' });
      expect(await peekDeadLetters(automation)).toEqual([]);
    } finally {
      await fixedRunner.stop();
    }
  });
});

/**
 * The fix: a new version of the function with the corrected policy (POLICY_FILE is read at cold
 * start), on the same queues and the same cloud; the first version stops.
 */
async function redeployWithFixedPolicy(): Promise<LambdaRunner> {
  await automation.runner.stop();
  const fixedRunner = new LambdaRunner({
    deployment: automation.deployment,
    serviceDir: SERVICE_DIR,
    sqs: automation.clients.sqs,
    region: automation.region,
    runtimeEnvironment: {
      AWS_ENDPOINT_URL: automation.url,
      AWS_REGION: automation.region,
      AWS_DEFAULT_REGION: automation.region,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ACCOUNT_ID: LOCAL_ACCOUNT_ID,
    },
    // Compiled as a deploy compiles it (plugins/validate-policy.cjs): the functions load JSON.
    environmentOverrides: {
      POLICY_FILE: compilePolicyFile(
        join(SERVICE_DIR, FIXED_POLICY_FILE),
        join(SERVICE_DIR, '.copy-autopilot'),
      ).file,
    },
  });
  fixedRunner.start();
  return fixedRunner;
}

/** `copy-autopilot dlq redrive --yes` against the local cloud, as an operator runs it. */
async function runDlqRedrive(): Promise<{ code: number; out: readonly string[]; err: readonly string[] }> {
  const printer = createMemoryPrinter();
  const context: CommandContext = {
    printer,
    env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' },
    cwd: SERVICE_DIR,
    interrupted: new Promise(() => undefined),
    confirm: async () => false,
  };
  const argv = ['dlq', 'redrive', '--yes', '--stage', 'local'];
  const target = ['--endpoint-url', automation.url, '--region', automation.region];
  const code = await runCli([...argv, ...target], [dlqRedrive], context);
  return { code, out: printer.out, err: printer.err };
}
