import { fileURLToPath } from 'node:url';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalCloud, type LocalCloud } from '../../../src/local/localCloud.js';
import { INTEROP_TOOLS, runTool } from '../interopTools.js';
import { clientConfig } from './clientConfig.js';
import { expectedFromMoto } from './knownDivergence.js';
import { runScenarios, type Transcript } from './runScenario.js';
import { SQS_DIVERGENCES } from './sqsDivergences.js';
import { sqsMoveTaskScenario } from './sqsMoveTaskScenario.js';
import { sqsScenario } from './sqsScenario.js';
import type { SqsScenarioContext } from './sqsScenarioSupport.js';
import { type MotoServer, startMoto } from './startMoto.js';

const contextFor = (endpoint: string): SqsScenarioContext => ({
  sqs: new SQSClient(clientConfig(endpoint)),
  sourceUrl: '',
  deadLetterUrl: '',
  handles: {},
  deadLetterHandles: {},
  moveSourceUrl: '',
  moveDeadLetterUrl: '',
});

/** The main scenario, then the dead-letter queue as the CLI works it (own queues). */
const SQS_SCENARIOS = [sqsScenario, sqsMoveTaskScenario];

let moto: MotoServer;
let cloud: LocalCloud;
let local: Transcript;
let reference: Transcript;
let localBoto3: unknown;
let motoBoto3: unknown;

const BOTO3_ROUND_TRIP = fileURLToPath(new URL('./boto3SqsRoundTrip.py', import.meta.url));

/** The boto3 round trip's JSON output against one endpoint. */
const boto3RoundTrip = async (endpoint: string): Promise<unknown> => {
  const { stdout } = await runTool(INTEROP_TOOLS.python, {
    args: [BOTO3_ROUND_TRIP, endpoint],
    timeoutMs: 20_000,
  });
  return JSON.parse(stdout);
};

beforeAll(async () => {
  [moto, cloud] = [await startMoto(), createLocalCloud()];
  const { url } = await cloud.listen(0);
  const localContext = contextFor(url);
  const motoContext = contextFor(moto.endpoint);
  // Each side only waits on itself, so both run at once: moto is in another process.
  [local, reference] = await Promise.all([
    runScenarios(SQS_SCENARIOS, localContext),
    runScenarios(SQS_SCENARIOS, motoContext),
  ]);
  localContext.sqs.destroy();
  motoContext.sqs.destroy();
  [localBoto3, motoBoto3] = await Promise.all([boto3RoundTrip(url), boto3RoundTrip(moto.endpoint)]);
});

afterAll(async () => {
  await Promise.all([moto?.close(), cloud?.close()]);
});

describe('Differential SQS: the local cloud answers as moto does', () => {
  it.each(SQS_SCENARIOS.flat().map((step) => step.name))('%s', (step) => {
    // Assess
    expect(local.get(step)).toEqual(expectedFromMoto(step, reference, SQS_DIVERGENCES));
  });
});

describe('Differential SQS: boto3', () => {
  it('sends and receives a message with every attribute type, and names a missing queue, as on moto', () => {
    // Assess
    expect(localBoto3).toEqual(motoBoto3);
    expect(localBoto3).toMatchObject({ received: [{ Body: 'boto3 says hello ✓' }] });
  });
});

describe('Differential SQS: known divergences from moto, where the local cloud answers as AWS does', () => {
  it.each(SQS_DIVERGENCES.map((divergence) => [divergence.step, divergence] as const))(
    '%s',
    (_step, divergence) => {
      // Prepare
      const motoOutcome = reference.get(divergence.step);

      // Assess: the rewrite changes moto's answer (else moto was fixed and the entry can go).
      expect(motoOutcome).toBeDefined();
      expect(divergence.towardAws(motoOutcome ?? { ok: null })).not.toEqual(motoOutcome);
    },
  );
});
