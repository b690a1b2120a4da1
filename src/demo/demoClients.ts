import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { createLocalClients, LOCAL_ACCOUNT_ID, type LocalClients } from '../local/index.js';
import { type CallCounter, createCallCounter } from './demoCallCounts.js';

/**
 * The demo's own clients (not the runner's), one set per (account, region), all counted on one
 * counter so the report can tell the demo's calls from the automation's. Each signs as its
 * account: the central account with the local `test` credentials, any other with its 12-digit id.
 */
export class DemoClients {
  readonly #url: string;
  readonly #homeRegion: string;
  readonly #counter: CallCounter = createCallCounter();
  readonly #clients = new Map<string, LocalClients>();

  public constructor(url: string, homeRegion: string) {
    this.#url = url;
    this.#homeRegion = homeRegion;
  }

  /** Operation name → calls the demo's clients sent. */
  public get counts(): ReadonlyMap<string, number> {
    return this.#counter.counts;
  }

  /** Redshift Serverless signed as `account`, in `region`. */
  public redshift(account: string, region: string): RedshiftServerlessClient {
    return this.#for(account, region).redshift;
  }

  /** EventBridge of the central account in the home region (the stack's bus). */
  public get events(): EventBridgeClient {
    return this.#for(LOCAL_ACCOUNT_ID, this.#homeRegion).events;
  }

  /** SQS of the central account in the home region (the stack's queues). */
  public get sqs(): SQSClient {
    return this.#for(LOCAL_ACCOUNT_ID, this.#homeRegion).sqs;
  }

  public destroy(): void {
    for (const clients of this.#clients.values()) {
      for (const client of Object.values(clients)) client.destroy();
    }
    this.#clients.clear();
  }

  #for(account: string, region: string): LocalClients {
    const key = `${account}/${region}`;
    let clients = this.#clients.get(key);
    if (clients === undefined) {
      clients = createLocalClients(this.#url, region, {
        account: account === LOCAL_ACCOUNT_ID ? undefined : account,
      });
      for (const client of [clients.redshift, clients.events, clients.sqs]) this.#counter.watch(client);
      this.#clients.set(key, clients);
    }
    return clients;
  }
}
