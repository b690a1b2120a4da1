import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { LOCAL_ACCOUNT_ID } from '../../../src/local/services/contracts.js';
import {
  INTEROP_TOOLS,
  type InteropToolError,
  printedText,
  ToolFailedError,
  toolSpawnError,
} from '../interopTools.js';

const PYTHON = INTEROP_TOOLS.python;

/** A moto server (`python3 -m moto.server`) this test process started and owns. */
export interface MotoServer {
  readonly endpoint: string;
  /** Forgets every resource (moto's own reset API), so each scenario starts from nothing. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** How long moto may take to answer its first request (it imports every backend lazily: ~1 s). */
const STARTUP_TIMEOUT_MS = 20_000;
const POLL_INTERVAL_MS = 100;

/** A loopback port nobody listens on right now; moto binds it a moment later. */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntilAnswering(
  endpoint: string,
  child: ChildProcess,
  state: { readonly output: string; readonly spawnError?: InteropToolError },
): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    // A missing python3 is an 'error' event (then an exit with -2): say which tool, not the exit code.
    if (state.spawnError !== undefined) throw state.spawnError;
    if (child.exitCode !== null) {
      throw new ToolFailedError(
        PYTHON,
        `moto exited with ${child.exitCode} before answering: ${printedText(state.output)}`,
      );
    }
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(POLL_INTERVAL_MS);
  }
  throw new ToolFailedError(
    PYTHON,
    `moto did not answer on ${endpoint} within ${STARTUP_TIMEOUT_MS} ms: ${printedText(state.output)}`,
  );
}

/**
 * Starts moto's standalone server on a free loopback port and waits until it answers. moto
 * answers as the local cloud's account (MOTO_ACCOUNT_ID), so ARNs compare without rewriting.
 */
export async function startMoto(): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(PYTHON.command, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, MOTO_ACCOUNT_ID: LOCAL_ACCOUNT_ID, PYTHONUNBUFFERED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const state: { output: string; spawnError?: InteropToolError } = { output: '' };
  child.once('error', (error) => {
    state.spawnError = toolSpawnError(PYTHON, error);
  });
  const keep = (chunk: Buffer) => {
    // Only the start matters when moto fails to come up; its request log grows without bound.
    if (state.output.length < 4_000) state.output += chunk.toString('utf8');
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Should the test process end without afterAll (a crash, a killed worker), moto goes with it.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitUntilAnswering(endpoint, child, state);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    endpoint,
    async reset() {
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!response.ok) throw new Error(`moto reset answered ${response.status}`);
    },
    close,
  };
}
