import { describe, expect, it } from 'vitest';
import { classifyServiceError } from '../../../src/domain/classifyServiceError.js';
import { parseSweepTask, SweepTaskParseError, sweepTaskBody } from '../../../src/events/sweepTask.js';

describe('Function: parseSweepTask', () => {
  it('returns the task the planner sent', () => {
    // Prepare
    const task = {
      account: '111111111111',
      region: 'eu-west-1',
      planId: 'b6f0c9a3-0000-4000-8000-000000000001',
    };

    // Act & Assess
    expect(parseSweepTask(sweepTaskBody(task))).toEqual(task);
    expect(sweepTaskBody(task)).toBe(
      '{"account":"111111111111","region":"eu-west-1","planId":"b6f0c9a3-0000-4000-8000-000000000001"}',
    );
  });

  it.each([
    ['not JSON', 'account=1'],
    ['not an object', '["111111111111","eu-west-1"]'],
    ['an account that is not 12 digits', '{"account":"1111","region":"eu-west-1"}'],
    ['no region', '{"account":"111111111111"}'],
    ['a region that is not a region code', '{"account":"111111111111","region":"Europe"}'],
  ])('throws a SweepTaskParseError, dead-lettered at once, for %s', (_, body) => {
    // Act & Assess
    expect(() => parseSweepTask(body)).toThrow(SweepTaskParseError);
    const error = (() => {
      try {
        parseSweepTask(body);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(classifyServiceError(error)).toMatchObject({
      disposition: 'dead-letter',
      reason: 'MalformedTask',
    });
  });
});
