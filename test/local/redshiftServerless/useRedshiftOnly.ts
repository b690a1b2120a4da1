import { afterAll, afterEach, beforeAll } from 'vitest';
import { lateBound } from '../support/lateBound.js';
import { type RedshiftOnly, startRedshiftOnly } from './startRedshiftOnly.js';

/**
 * The Redshift Serverless server for one test file: started once before all tests, emptied
 * (namespaces, busy marks, call counts and captured CloudTrail events) after each, closed after
 * all. Call it at the top of the file; the returned handle reaches the running server, so use
 * it inside hooks and tests only.
 */
export function useRedshiftOnly(): RedshiftOnly {
  let started: RedshiftOnly | undefined;
  beforeAll(async () => {
    started = await startRedshiftOnly();
  });
  afterEach(() => {
    started?.service.reset();
    if (started) started.events.events.length = 0;
  });
  afterAll(async () => {
    await started?.close();
  });
  return lateBound('the Redshift Serverless server', () => started);
}
