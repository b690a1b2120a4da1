import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commands } from '../../../src/cli/commands/index.js';
import { runCli } from '../../../src/cli/run.js';
import { createLocalCloud, type LocalCloud } from '../../../src/local/localCloud.js';
import { memoryContext } from './commands/cliContext.js';

const LOCAL_KEYS = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };

/** A loopback port nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let cloud: LocalCloud | undefined;
let occupied: Server | undefined;

afterEach(async () => {
  await cloud?.close();
  cloud = undefined;
  await new Promise<void>((resolve) => (occupied ? occupied.close(() => resolve()) : resolve()));
  occupied = undefined;
});

describe('Function: runCli (failures explained in one line)', () => {
  it('says nothing is listening at the endpoint and asks whether local serve runs, instead of "connect ECONNREFUSED"', async () => {
    // Prepare
    const url = `http://127.0.0.1:${await closedPort()}`;
    const { printer, context } = memoryContext({ env: LOCAL_KEYS });

    // Act
    const code = await runCli(['status', '--endpoint-url', url, '--region', 'us-east-1'], commands, context);

    // Assess
    expect(code).toBe(3);
    expect(printer.err.at(-1)).toBe(
      `error: nothing is listening at ${url}: is \`copy-autopilot local serve\` running?`,
    );
  });

  it('names the variables and profile to set when no credentials can be found, instead of "CredentialsProviderError"', async () => {
    // Prepare: the SDK's default chain reads the process environment and ~/.aws itself.
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) {
      vi.stubEnv(name, undefined);
    }
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/copy-autopilot/config');
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/copy-autopilot/credentials');
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    const { printer, context } = memoryContext({ env: {} });

    // Act
    const code = await runCli(['trigger', 'prod-orders', '--region', 'us-east-1'], commands, context);

    // Assess
    expect(code).toBe(3);
    expect(printer.err.at(-1)).toBe(
      'error: no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE (or --profile P) naming a profile in ~/.aws/config; for the local cloud pass --endpoint-url http://127.0.0.1:4566',
    );
  });

  it("says which action on which resource was denied, from AWS's message, instead of the raw AccessDeniedException", async () => {
    // Prepare
    cloud = createLocalCloud();
    const { url } = await cloud.listen(0);
    cloud.faults.add({
      service: 'AWSEvents',
      operation: 'PutEvents',
      error: {
        code: 'AccessDeniedException',
        message:
          'User: arn:aws:iam::000000000000:user/alice is not authorized to perform: events:PutEvents on resource: arn:aws:events:us-east-1:000000000000:event-bus/default because no identity-based policy allows the events:PutEvents action',
        statusCode: 400,
      },
    });
    const { printer, context } = memoryContext({ env: { ...LOCAL_KEYS, AWS_ENDPOINT_URL: url } });

    // Act
    const code = await runCli(['trigger', 'prod-orders', '--region', 'us-east-1'], commands, context);

    // Assess
    expect(code).toBe(3);
    expect(printer.err.at(-1)).toBe(
      'error: access denied: arn:aws:iam::000000000000:user/alice may not events:PutEvents on arn:aws:events:us-east-1:000000000000:event-bus/default: allow it in an IAM policy of that identity',
    );
  });

  it('says the port is in use and to pass --port, instead of "listen EADDRINUSE"', async () => {
    // Prepare
    occupied = createServer();
    await new Promise<void>((resolve) => occupied?.listen(0, '127.0.0.1', resolve));
    const { port } = occupied.address() as { port: number };
    const { printer, context } = memoryContext();

    // Act
    const code = await runCli(['local', 'serve', '--port', String(port)], commands, context);

    // Assess
    expect(code).toBe(3);
    expect(printer.err.at(-1)).toBe(
      `error: port ${port} is in use: pass --port with a free port (--port 0 picks one)`,
    );
  });

  it.each([
    [['plan', '--namespace', 'prod-orders']],
    [['plan']],
    [['trigger', 'prod-orders']],
    [['status']],
    [['sweep', '--dry-run']],
    [['dlq', 'list']],
    [['dlq', 'redrive', '--yes']],
  ])('refuses --region mars-1 in `%s` with the same message and exit 2', async (words) => {
    // Prepare
    const { printer, context } = memoryContext({ env: LOCAL_KEYS });

    // Act
    const code = await runCli([...words, '--region', 'mars-1'], commands, context);

    // Assess
    expect(code).toBe(2);
    expect(printer.err.slice(0, 2)).toEqual([
      'error: --region mars-1: not an AWS region',
      'use an AWS region code such as us-east-1 or eu-west-1',
    ]);
  });

  it('refuses an unknown region in AWS_REGION the same way, naming the variable', async () => {
    // Prepare
    const { printer, context } = memoryContext({ env: { ...LOCAL_KEYS, AWS_REGION: 'mars-1' } });

    // Act
    const code = await runCli(['trigger', 'prod-orders'], commands, context);

    // Assess
    expect(code).toBe(2);
    expect(printer.err[0]).toBe('error: AWS_REGION mars-1: not an AWS region');
  });
});
