import { EventBridgeClient, TestEventPatternCommand } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalCloud, type LocalCloud } from '../../../src/local/localCloud.js';
import { clientConfig } from './clientConfig.js';
import { EVENT_BRIDGE_DIVERGENCES, PATTERN_DIVERGENCES } from './eventBridgeDivergences.js';
import {
  type EventBridgeScenarioContext,
  eventBridgeScenario,
  refusedEventStep,
} from './eventBridgeScenario.js';
import { PATTERN_CASES } from './eventPatternCases.js';
import { expectedFromMoto, type KnownDivergence } from './knownDivergence.js';
import { type Verdicts, verdictsByDelivery, verdictsByTestEventPattern } from './patternVerdicts.js';
import { runScenario, type Transcript } from './runScenario.js';
import { type MotoServer, startMoto } from './startMoto.js';

const clientsFor = (endpoint: string): EventBridgeScenarioContext => ({
  events: new EventBridgeClient(clientConfig(endpoint)),
  sqs: new SQSClient(clientConfig(endpoint)),
  queues: {},
});

let moto: MotoServer;
let cloud: LocalCloud;
let local: Transcript;
let reference: Transcript;
let localTestEventPattern: Verdicts;
let localDelivery: Verdicts;
let motoDelivery: Verdicts;
let motoTestEventPattern: unknown;

beforeAll(async () => {
  [moto, cloud] = [await startMoto(), createLocalCloud()];
  const { url } = await cloud.listen(0);
  const localClients = clientsFor(url);
  const motoClients = clientsFor(moto.endpoint);

  // Each side only waits on itself, so both run at once: moto is slow and in another process.
  const localSide = async () => {
    local = await runScenario(eventBridgeScenario, localClients);
    cloud.reset();
    localTestEventPattern = await verdictsByTestEventPattern(localClients.events, PATTERN_CASES);
    localDelivery = await verdictsByDelivery(localClients, PATTERN_CASES);
  };
  const motoSide = async () => {
    reference = await runScenario(eventBridgeScenario, motoClients);
    await moto.reset();
    motoDelivery = await verdictsByDelivery(motoClients, PATTERN_CASES);
  };
  await Promise.all([localSide(), motoSide()]);
  const { $metadata: _, ...answer } = await motoClients.events.send(
    new TestEventPatternCommand({ EventPattern: '{"source":["a"]}', Event: '{}' }),
  );
  motoTestEventPattern = answer;

  for (const clients of [localClients, motoClients]) {
    clients.events.destroy();
    clients.sqs.destroy();
  }
});

afterAll(async () => {
  await Promise.all([moto?.close(), cloud?.close()]);
});

describe('Differential EventBridge: the local cloud answers as moto does', () => {
  it.each(eventBridgeScenario.map((step) => step.name))('%s', (step) => {
    // Assess
    expect(local.get(step)).toEqual(expectedFromMoto(step, reference, EVENT_BRIDGE_DIVERGENCES));
  });
});

describe('Differential EventBridge: TestEventPattern cases match as rules do on moto', () => {
  it('reads moto through deliveries because moto answers TestEventPattern without a Result', () => {
    // Assess: the day moto implements it, compare TestEventPattern directly.
    expect(motoTestEventPattern).toEqual({});
  });

  it.each(PATTERN_CASES.map((patternCase) => patternCase.name))('%s', (name) => {
    // Assess
    expect(localTestEventPattern.get(name)).toEqual(localDelivery.get(name));
    expect(localTestEventPattern.get(name)).toEqual(
      expectedFromMoto(name, motoDelivery, PATTERN_DIVERGENCES),
    );
  });
});

describe('Differential EventBridge: PutEvents entries real EventBridge refuses and moto accepts', () => {
  it('refuses an aws.* source with NotAuthorizedForSourceException', () => {
    // Assess
    const step = refusedEventStep('an aws.* source');
    expect(local.get(step)).toEqual({
      ok: { FailedEntryCount: 1, Entries: [{ ErrorCode: 'NotAuthorizedForSourceException' }] },
    });
    expect(reference.get(step)).toEqual({
      ok: { FailedEntryCount: 0, Entries: [{ EventId: expect.any(String) }] },
    });
  });

  it.each(['a Detail that is a JSON array', 'a Detail that is a JSON string'] as const)(
    'refuses %s with MalformedDetail',
    (entry) => {
      // Assess
      const step = refusedEventStep(entry);
      expect(local.get(step)).toEqual({
        ok: { FailedEntryCount: 1, Entries: [{ ErrorCode: 'MalformedDetail' }] },
      });
      expect(reference.get(step)).toEqual({
        ok: { FailedEntryCount: 0, Entries: [{ EventId: expect.any(String) }] },
      });
    },
  );
});

const stillDivergent = (divergences: readonly KnownDivergence[], transcript: () => Transcript | Verdicts) =>
  it.each(divergences.map((divergence) => [divergence.step, divergence] as const))(
    '%s',
    (step, divergence) => {
      // Prepare
      const motoOutcome = transcript().get(step);

      // Assess: the rewrite changes moto's answer (else moto was fixed and the entry can go).
      expect(motoOutcome).toBeDefined();
      expect(divergence.towardAws(motoOutcome ?? { ok: null })).not.toEqual(motoOutcome);
    },
  );

describe('Differential EventBridge: known divergences in the scenario, where the local cloud answers as AWS does', () => {
  stillDivergent(EVENT_BRIDGE_DIVERGENCES, () => reference);
});

describe('Differential EventBridge: known divergences in pattern matching, where the local cloud answers as AWS does', () => {
  stillDivergent(PATTERN_DIVERGENCES, () => motoDelivery);
});
