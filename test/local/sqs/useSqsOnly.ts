import { afterEach, beforeEach } from 'vitest';
import { lateBound } from '../support/lateBound.js';
import { type SqsOnly, startSqsOnly } from './startSqsOnly.js';

/**
 * A fresh SQS-only server for each test of the file (started before it, closed after it). Call
 * it at the top of the file; the handle reaches the running server, so use it inside hooks and
 * tests only.
 */
export function useSqsOnly(): SqsOnly {
  let started: SqsOnly | undefined;
  beforeEach(async () => {
    started = await startSqsOnly();
  });
  afterEach(async () => {
    await started?.close();
    started = undefined;
  });
  return lateBound('the SQS-only server', () => started);
}
