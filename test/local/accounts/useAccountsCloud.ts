import { afterEach, beforeEach } from 'vitest';
import { createLocalCloud, type EdgeLogEntry, type LocalCloud } from '../../../src/local/localCloud.js';

/** The central (default) account and two member accounts the multi-account tests use. */
export const CENTRAL = '000000000000';
export const MEMBER_A = '111111111111';
export const MEMBER_B = '222222222222';

export interface ClientCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface AccountsCloud {
  readonly cloud: LocalCloud;
  readonly url: string;
  readonly logs: readonly EdgeLogEntry[];
  /**
   * Settings for a real SDK client: signed as `account` (its id is the access key id, or `test`
   * for the central account when no account is given), in `region`, one attempt.
   */
  config(options?: { account?: string; region?: string; credentials?: ClientCredentials }): {
    endpoint: string;
    region: string;
    credentials: ClientCredentials;
    maxAttempts: number;
  };
  /** Keeps a client to destroy after the test. */
  track<T extends { destroy(): void }>(client: T): T;
  /** Calls the control API; the body parsed as JSON. */
  control(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
}

/** A fresh local cloud (system clock: STS expirations are real times) per test, on a loopback port. */
export function useAccountsCloud(): AccountsCloud {
  let cloud: LocalCloud | undefined;
  let url = '';
  const logs: EdgeLogEntry[] = [];
  const clients: { destroy(): void }[] = [];

  beforeEach(async () => {
    logs.length = 0;
    cloud = createLocalCloud({ log: (entry) => logs.push(entry) });
    ({ url } = await cloud.listen(0));
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await cloud?.close();
  });

  return {
    get cloud() {
      if (cloud === undefined) throw new Error('the local cloud starts in beforeEach');
      return cloud;
    },
    get url() {
      return url;
    },
    logs,
    config: (options = {}) => ({
      endpoint: url,
      region: options.region ?? 'us-east-1',
      credentials: options.credentials ?? { accessKeyId: options.account ?? 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    }),
    track(client) {
      clients.push(client);
      return client;
    },
    async control(method, path, body) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
  };
}
