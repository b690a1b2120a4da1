import { afterAll, afterEach, beforeAll } from 'vitest';
import { type RedshiftOnly, startRedshiftOnly } from './startRedshiftOnly.js';

/**
 * The Redshift Serverless server for one test file: started once before all tests, emptied
 * (namespaces, busy marks, call counts and captured CloudTrail events) after each, closed after
 * all. Call it at the top of the file; the returned handle reaches the running server, so use
 * it inside hooks and tests only.
 */
export function useRedshiftOnly(): RedshiftOnly {
  let started: RedshiftOnly | undefined;
  const current = (): RedshiftOnly => {
    if (started === undefined) throw new Error('useRedshiftOnly: the server starts in beforeAll');
    return started;
  };
  beforeAll(async () => {
    started = await startRedshiftOnly();
  });
  afterEach(() => {
    current().service.reset();
    current().events.events.length = 0;
  });
  afterAll(async () => {
    await started?.close();
  });
  return {
    get endpoint() {
      return current().endpoint;
    },
    get service() {
      return current().service;
    },
    get clock() {
      return current().clock;
    },
    get events() {
      return current().events;
    },
    client: (options) => current().client(options),
    createNamespace: (namespaceName, region) => current().createNamespace(namespaceName, region),
    close: () => current().close(),
  };
}
