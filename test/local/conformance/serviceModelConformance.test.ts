import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOperationInput } from '../../../src/local/serviceModel/checkShape.js';
import { type LoadedServiceModel, shapeOf } from '../../../src/local/serviceModel/serviceModel.js';
import { ACCOUNT_MODEL } from '../../../src/local/services/account/accountModel.js';
import { EVENT_BRIDGE_MODEL } from '../../../src/local/services/events/eventBridgeModel.js';
import { ORGANIZATIONS_MODEL } from '../../../src/local/services/organizations/organizationsModel.js';
import { REDSHIFT_SERVERLESS_MODEL } from '../../../src/local/services/redshiftServerless/redshiftServerlessModel.js';
import { SQS_MODEL } from '../../../src/local/services/sqs/sqsModel.js';
import { STS_MODEL } from '../../../src/local/services/sts/stsModel.js';
import { type ConstraintCase, constraintCases } from './constraintCases.js';
import { ACCOUNT_FIXTURE } from './fixtures/accountFixture.js';
import type { ConformanceFixture, RunningService } from './fixtures/conformanceFixture.js';
import { EVENT_BRIDGE_FIXTURE } from './fixtures/eventBridgeFixture.js';
import { ORGANIZATIONS_FIXTURE } from './fixtures/organizationsFixture.js';
import { REDSHIFT_SERVERLESS_FIXTURE } from './fixtures/redshiftServerlessFixture.js';
import { SQS_FIXTURE } from './fixtures/sqsFixture.js';
import { STS_FIXTURE } from './fixtures/stsFixture.js';
import { minimalValue, wrongTypeValue } from './modelValues.js';
import { outputProblems } from './outputConformance.js';

/**
 * The local services held to their vendored service models, generated from the models: for
 * every operation, valid requests (the model's minimal valid input plus the fixture's members)
 * whose responses must match the output shape, and one request per modelled constraint that
 * breaks only that constraint and must get the error AWS gives. Raw HTTP throughout, in each
 * service's protocol (awsJson: jsonCall.ts, awsQuery: queryCall.ts, restJson1: restJsonCall.ts).
 * The describe titles and a closing line say how many checks ran.
 */

const SERVICES: readonly [ConformanceFixture, LoadedServiceModel][] = [
  [REDSHIFT_SERVERLESS_FIXTURE, REDSHIFT_SERVERLESS_MODEL],
  [SQS_FIXTURE, SQS_MODEL],
  [EVENT_BRIDGE_FIXTURE, EVENT_BRIDGE_MODEL],
  [ORGANIZATIONS_FIXTURE, ORGANIZATIONS_MODEL],
  [ACCOUNT_FIXTURE, ACCOUNT_MODEL],
  [STS_FIXTURE, STS_MODEL],
];

const report: string[] = [];

afterAll(() => {
  console.info(`Service model conformance:\n${report.map((line) => `  ${line}`).join('\n')}`);
});

for (const [fixture, model] of SERVICES) {
  const operations = Object.keys(model.operations).sort();
  const cases = new Map(operations.map((operation) => [operation, constraintCases(model, operation)]));
  const constraintCount = [...cases.values()].reduce((total, list) => total + list.length, 0);
  const counts = { valid: 0, wrongType: 0 };

  describe(`${fixture.label}: ${operations.length} operations, ${constraintCount} modelled constraints`, () => {
    let running: RunningService;
    beforeAll(async () => {
      running = await fixture.start();
    });
    afterAll(async () => {
      report.push(
        `${fixture.label}: ${operations.length} operations, ${counts.valid} valid requests, ${constraintCount} constraint checks, ${counts.wrongType} wrong-type checks`,
      );
      await running.close();
    });

    it('implements exactly the operations of its vendored model', () => {
      // Assess
      expect([...fixture.implemented].sort()).toEqual(operations);
      expect(Object.keys(fixture.validRequests).sort()).toEqual(operations);
    });

    for (const operation of operations) {
      it(`${operation}: answers valid requests with its output shape`, async () => {
        // Act
        const results = await sendValidRequests(fixture, model, running, operation);

        // Assess
        expect(results.length).toBeGreaterThan(0);
        for (const result of results) expect(result).toMatchObject(VALID_ANSWER);
        counts.valid += results.length;
      });

      it(`${operation}: refuses a member of the wrong JSON type with ${fixture.wrongTypeError}`, async () => {
        // Act
        const answers = await sendWrongTypes(fixture, model, running, operation);

        // Assess
        expect(answers).toEqual(answers.map(([member]) => [member, fixture.wrongTypeError]));
        counts.wrongType += answers.length;
      });

      const broken = cases.get(operation) ?? [];
      if (broken.length === 0) continue;
      it(`${operation}: refuses each of its ${broken.length} modelled constraints, broken one at a time`, async () => {
        // Act
        const mismatches: string[] = [];
        for (const constraintCase of broken) {
          const mismatch = await refusal(fixture, running, operation, constraintCase);
          if (mismatch !== undefined) mismatches.push(mismatch);
        }

        // Assess
        expect(mismatches).toEqual([]);
      });
    }
  });
}

/** A valid request is valid by the model, succeeds, and its answer matches the output shape. */
const VALID_ANSWER = { inputViolations: [], status: 200, outputProblems: [] };

/** Sends the operation's valid requests on a fresh service; what each request and answer showed. */
async function sendValidRequests(
  fixture: ConformanceFixture,
  model: LoadedServiceModel,
  running: RunningService,
  operation: string,
): Promise<{ inputViolations: unknown; status: number; outputProblems: string[] }[]> {
  running.reset();
  const call = async (name: string, input: unknown) => {
    const answer = await running.send(name, input);
    if (answer.status !== 200) {
      throw new Error(
        `${name} failed in set-up: ${answer.status} ${answer.errorType} ${answer.errorMessage}`,
      );
    }
    return answer.output as Record<string, unknown>;
  };
  const overrides = await (fixture.validRequests[operation] ?? (async () => []))(call);
  const inputRef = model.operations[operation]?.input;
  const base = inputRef === undefined ? {} : (minimalValue(model, inputRef) as Record<string, unknown>);
  const results = [];
  for (const members of overrides) {
    const request = { ...base, ...members };
    const answer = await running.send(operation, request);
    results.push({
      inputViolations: checkOperationInput(model, operation, request).violations,
      status: answer.status,
      outputProblems: outputProblems(model, model.operations[operation]?.output, answer.output),
    });
  }
  return results;
}

/**
 * Sends, for each top-level member (that can travel with a wrong type in the service's protocol),
 * the minimal input with that member of another JSON type.
 */
async function sendWrongTypes(
  fixture: ConformanceFixture,
  model: LoadedServiceModel,
  running: RunningService,
  operation: string,
): Promise<[string, string | undefined][]> {
  const inputRef = model.operations[operation]?.input;
  const shape = inputRef === undefined ? undefined : model.shapes[inputRef.shape];
  if (inputRef === undefined || shape?.type !== 'structure') return [];
  const answers: [string, string | undefined][] = [];
  for (const [name, member] of Object.entries(shape.members)) {
    if (fixture.canSendWrongType?.(shapeOf(model, member.shape)) === false) continue;
    const input = { ...(minimalValue(model, inputRef) as object), [name]: wrongTypeValue(model, member) };
    answers.push([name, (await running.send(operation, input)).errorType]);
  }
  return answers;
}

/** Sends one invalid request; says what differs from the expected error, or nothing. */
async function refusal(
  fixture: ConformanceFixture,
  running: RunningService,
  operation: string,
  broken: ConstraintCase,
): Promise<string | undefined> {
  const expected = fixture.expectedError(operation, broken);
  const answer = await running.send(operation, broken.input);
  const type = answer.errorType;
  const message = answer.errorMessage;
  const messageOk = expected.exact ? message === expected.message : message.includes(expected.message);
  const detailsOk = Object.entries(expected.details ?? {}).every(
    ([name, value]) => JSON.stringify(answer.errorDetails[name]) === JSON.stringify(value),
  );
  if (answer.status === 400 && type === expected.type && messageOk && detailsOk) return undefined;
  const where = JSON.stringify(broken.path);
  return `${where} ${broken.constraint.kind}: expected ${expected.type} "${expected.message.slice(0, 300)}" ${JSON.stringify(expected.details ?? {}).slice(0, 300)}, got ${answer.status} ${type} "${message.slice(0, 300)}" ${JSON.stringify(answer.errorDetails).slice(0, 300)}`;
}
