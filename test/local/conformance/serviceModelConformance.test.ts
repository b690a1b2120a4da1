import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOperationInput } from '../../../src/local/serviceModel/checkShape.js';
import type { LoadedServiceModel } from '../../../src/local/serviceModel/serviceModel.js';
import { EVENT_BRIDGE_MODEL } from '../../../src/local/services/events/eventBridgeModel.js';
import { REDSHIFT_SERVERLESS_MODEL } from '../../../src/local/services/redshiftServerless/redshiftServerlessModel.js';
import { SQS_MODEL } from '../../../src/local/services/sqs/sqsModel.js';
import { type ConstraintCase, constraintCases } from './constraintCases.js';
import type { ConformanceFixture, RunningService } from './fixtures/conformanceFixture.js';
import { EVENT_BRIDGE_FIXTURE } from './fixtures/eventBridgeFixture.js';
import { REDSHIFT_SERVERLESS_FIXTURE } from './fixtures/redshiftServerlessFixture.js';
import { SQS_FIXTURE } from './fixtures/sqsFixture.js';
import { callJson, callOk, errorMessage, errorType } from './jsonCall.js';
import { minimalValue, wrongTypeValue } from './modelValues.js';
import { outputProblems } from './outputConformance.js';

/**
 * The local services held to their vendored service models, generated from the models: for
 * every operation, valid requests (the model's minimal valid input plus the fixture's members)
 * whose responses must match the output shape, and one request per modelled constraint that
 * breaks only that constraint and must get the error AWS gives. Raw HTTP throughout (see
 * jsonCall.ts). The describe titles and a closing line say how many checks ran.
 */

const SERVICES: readonly [ConformanceFixture, LoadedServiceModel][] = [
  [REDSHIFT_SERVERLESS_FIXTURE, REDSHIFT_SERVERLESS_MODEL],
  [SQS_FIXTURE, SQS_MODEL],
  [EVENT_BRIDGE_FIXTURE, EVENT_BRIDGE_MODEL],
];

const report: string[] = [];

afterAll(() => {
  console.info(`Service model conformance:\n${report.map((line) => `  ${line}`).join('\n')}`);
});

for (const [fixture, model] of SERVICES) {
  const operations = Object.keys(model.operations).sort();
  const cases = new Map(operations.map((operation) => [operation, constraintCases(model, operation)]));
  const constraintCount = [...cases.values()].reduce((total, list) => total + list.length, 0);
  let validCount = 0;
  let typeCount = 0;

  describe(`${fixture.label}: ${operations.length} operations, ${constraintCount} modelled constraints`, () => {
    let running: RunningService;
    beforeAll(async () => {
      running = await fixture.start();
    });
    afterAll(async () => {
      report.push(
        `${fixture.label}: ${operations.length} operations, ${validCount} valid requests, ${constraintCount} constraint checks, ${typeCount} wrong-type checks`,
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
        // Prepare
        running.reset();
        const call = (name: string, input: unknown) => callOk(running.target, name, input);
        const overrides = await (fixture.validRequests[operation] ?? (async () => []))(call);
        const inputRef = model.operations[operation]?.input;
        const base = inputRef === undefined ? {} : (minimalValue(model, inputRef) as Record<string, unknown>);
        const requests = overrides.map((members) => ({ ...base, ...members }));

        // Act
        const answers = [];
        for (const request of requests) answers.push(await callJson(running.target, operation, request));

        // Assess
        expect(requests.length).toBeGreaterThan(0);
        for (const [index, request] of requests.entries()) {
          expect(checkOperationInput(model, operation, request)).toEqual({ violations: [] });
          expect(answers[index]).toMatchObject({ status: 200 });
          expect(outputProblems(model, model.operations[operation]?.output, answers[index]?.body)).toEqual(
            [],
          );
        }
        validCount += requests.length;
      });

      it(`${operation}: refuses a member of the wrong JSON type with ${fixture.wrongTypeError}`, async () => {
        // Prepare
        const inputRef = model.operations[operation]?.input;
        const shape = inputRef === undefined ? undefined : model.shapes[inputRef.shape];
        const members = shape?.type === 'structure' ? Object.entries(shape.members) : [];

        // Act
        const answers = [];
        for (const [name, member] of members) {
          const input = {
            ...(minimalValue(model, inputRef ?? member) as object),
            [name]: wrongTypeValue(model, member),
          };
          answers.push([name, errorType((await callJson(running.target, operation, input)).body)]);
        }

        // Assess
        expect(answers).toEqual(members.map(([name]) => [name, fixture.wrongTypeError]));
        typeCount += members.length;
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

/** Sends one invalid request; says what differs from the expected error, or nothing. */
async function refusal(
  fixture: ConformanceFixture,
  running: RunningService,
  operation: string,
  broken: ConstraintCase,
): Promise<string | undefined> {
  const expected = fixture.expectedError(operation, broken);
  const answer = await callJson(running.target, operation, broken.input);
  const type = errorType(answer.body);
  const message = errorMessage(answer.body);
  const messageOk = expected.exact ? message === expected.message : message.includes(expected.message);
  if (answer.status === 400 && type === expected.type && messageOk) return undefined;
  const where = JSON.stringify(broken.path);
  return `${where} ${broken.constraint.kind}: expected ${expected.type} "${expected.message.slice(0, 300)}", got ${answer.status} ${type} "${message.slice(0, 300)}"`;
}
