import {
  CreateNamespaceCommand,
  type CreateNamespaceCommandOutput,
  ListSnapshotCopyConfigurationsCommand,
  RedshiftServerlessClient,
} from '@aws-sdk/client-redshift-serverless';
import { afterEach, describe, expect, it } from 'vitest';
import { localServe } from '../../src/cli/commands/localServe.js';
import { runCli } from '../../src/cli/run.js';
import {
  LOCAL_CREDENTIALS,
  type LocalAutomation,
  startLocalAutomation,
} from '../../src/local/runner/startLocalAutomation.js';
import { STARTING_MESSAGE } from '../../src/local/server/startupGate.js';
import { memoryContext } from '../unit/cli/commands/cliContext.js';

const SERVICE_DIR = process.cwd();
let automation: LocalAutomation | undefined;
const clients: RedshiftServerlessClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await automation?.close();
  automation = undefined;
});

/**
 * Starts the automation and, the moment its port is open (before packaging and deploying),
 * creates a namespace with a client allowed `maxAttempts`; returns what the create gave.
 */
async function createWhileStarting(maxAttempts: number) {
  let attempt: Promise<CreateNamespaceCommandOutput | Error> | undefined;
  automation = await startLocalAutomation({
    serviceDir: SERVICE_DIR,
    port: 0,
    onStep: (step) => {
      const url = /listening on (\S+): starting/.exec(step)?.[1];
      if (url === undefined) return;
      const client = new RedshiftServerlessClient({
        endpoint: url,
        region: 'us-east-1',
        credentials: LOCAL_CREDENTIALS,
        maxAttempts,
      });
      clients.push(client);
      attempt = client
        .send(
          new CreateNamespaceCommand({
            namespaceName: 'prod-early',
            tags: [{ key: 'dr-tier', value: 'gold' }],
          }),
        )
        .catch((error: Error) => error);
    },
  });
  return { automation, result: await attempt };
}

async function copyConfigurations(started: LocalAutomation, namespaceName: string) {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
    const listed = await started.clients.redshift.send(
      new ListSnapshotCopyConfigurationsCommand({ namespaceName }),
    );
    if ((listed.snapshotCopyConfigurations ?? []).length > 0) return listed.snapshotCopyConfigurations;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return [];
}

describe('Function: startLocalAutomation (a namespace created while it starts)', () => {
  it('refuses it with 503 ServiceUnavailable "the local cloud is starting" to a client that does not retry', async () => {
    // Act
    const { automation: started, result } = await createWhileStarting(1);

    // Assess
    const refusal = result as Error & { $metadata: { httpStatusCode?: number } };
    expect(refusal.name).toBe('ServiceUnavailable');
    expect(refusal.message).toBe(STARTING_MESSAGE);
    expect(refusal.$metadata.httpStatusCode).toBe(503);
    expect(started.cloud.redshift.createCounts()['prod-early']).toBeUndefined();
  }, 120_000);

  it('protects it when the client retries after Retry-After, as SDK v3 does', async () => {
    // Act
    const { automation: started, result } = await createWhileStarting(10);
    const configurations = await copyConfigurations(started, 'prod-early');

    // Assess
    const created = result as CreateNamespaceCommandOutput;
    expect(created.namespace?.namespaceName).toBe('prod-early');
    expect(created.$metadata.attempts).toBeGreaterThan(1);
    expect(configurations).toEqual([
      expect.objectContaining({ namespaceName: 'prod-early', destinationRegion: 'us-west-2' }),
    ]);
  }, 120_000);
});

describe('Command: local serve', () => {
  it('prints ready once it serves AWS requests and stopped when interrupted', async () => {
    // Prepare
    const { printer, context } = memoryContext();

    // Act
    const code = await runCli(['local', 'serve', '--port', '0'], [localServe], {
      ...context,
      interrupted: Promise.resolve(),
    });

    // Assess
    expect(code).toBe(0);
    expect(
      printer.err.some((line) => /^ready: http:\/\/127\.0\.0\.1:\d+ serves AWS requests$/.test(line)),
    ).toBe(true);
    expect(printer.err.at(-1)).toBe('stopped');
    expect(printer.out).toContain('Ctrl-C stops it.');
  }, 120_000);
});
