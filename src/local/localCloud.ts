import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { createLocalAccounts, type LocalAccounts } from './accounts/localAccounts.js';
import { FaultInjector } from './faults/faultInjector.js';
import { AwsServiceError } from './protocol/serviceError.js';
import { accountsControlRoutes } from './server/accountsControl.js';
import { createControlApi } from './server/controlApi.js';
import { invokeDynalite } from './server/dynaliteBridge.js';
import { createEdgeHandler } from './server/edgeHandler.js';
import type { EdgeLogEntry } from './server/edgeTypes.js';
import { createStartupGate, type StartupGate } from './server/startupGate.js';
import { TimeToLiveSettings } from './server/timeToLive.js';
import { createAccountService } from './services/account/index.js';
import { LOCAL_ACCOUNT_ID } from './services/contracts.js';
import { createEventBridgeService, type EventBridgeService } from './services/events/index.js';
import { createOrganizationsService } from './services/organizations/index.js';
import {
  createRedshiftServerlessService,
  type RedshiftServerlessService,
} from './services/redshiftServerless/index.js';
import { createSqsService, type SqsService } from './services/sqs/index.js';
import { createStsService } from './services/sts/index.js';
import { type Clock, systemClock } from './store/clock.js';

export type { EdgeLogEntry } from './server/edgeTypes.js';

export interface LocalCloudOptions {
  /** Time for every service and for fault windows; the system clock by default. */
  readonly clock?: Clock;
  /**
   * The default (central) account: where requests land whose access key id names no account
   * of its own (LocalStack's rule: a 12-digit key id is that account, a key the local STS
   * issued is its role's account, anything else this one); `000000000000` by default.
   */
  readonly account?: string;
  /** Called once per request after it is answered (`local serve` prints these); silent by default. */
  readonly log?: (entry: EdgeLogEntry) => void;
  /** Random source for fault rules with a `probability`; inject a seeded one for reproducible chaos. */
  readonly random?: () => number;
  /** How fault latency waits; real time by default (tests inject a recorder). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** How long a new DynamoDB table stays CREATING; 0 by default so deploys need no waiting. */
  readonly dynamoDbTableTransitionMs?: number;
  /**
   * False: AWS requests get 503 ServiceUnavailable until `startup.open()` (a cloud something is
   * still being deployed onto); true by default.
   */
  readonly ready?: boolean;
}

/** The local cloud: every service behind one HTTP server that never listens by itself. */
export interface LocalCloud {
  /** The edge server, not listening: `listen()` it, or hand it to a test harness. */
  readonly server: Server;
  readonly sqs: SqsService;
  readonly events: EventBridgeService;
  readonly redshift: RedshiftServerlessService;
  /** Accounts, organization, opt-in regions, missing roles and STS sessions (the control API's `/accounts`, `/roles`, `/regions`). */
  readonly accounts: LocalAccounts;
  /** The in-process dynalite server (replaced by `reset()`). */
  readonly dynamodb: Server;
  readonly faults: FaultInjector;
  /** Whether AWS requests are served yet; `/_local/health` reports it as `ready`. */
  readonly startup: StartupGate;
  /** Forgets all state: every service, DynamoDB tables, TTL settings, declared accounts and roles, and fault rules. */
  reset(): void;
  listen(port?: number, host?: string): Promise<{ url: string }>;
  /** Stops listening, drops open keep-alive connections and ends long polls in progress. */
  close(): Promise<void>;
}

/** dynalite (swapped for a fresh one on reset) and the time-to-live settings it lacks. */
interface LocalDynamoDb {
  current(): Server;
  readonly timeToLive: TimeToLiveSettings;
  reset(): void;
}

function createLocalDynamoDb(transitionMs: number): LocalDynamoDb {
  const newDynalite = (): Server =>
    dynalite({ createTableMs: transitionMs, deleteTableMs: transitionMs, updateTableMs: transitionMs });
  let dynamodb = newDynalite();
  const timeToLive = new TimeToLiveSettings(async (tableName) => {
    const reply = await invokeDynalite(dynamodb, 'DescribeTable', { TableName: tableName });
    const table = reply.body.Table as { CreationDateTime?: number } | undefined;
    if (reply.statusCode !== 200 || table === undefined) {
      const type = String(reply.body.__type ?? 'ResourceNotFoundException');
      throw new AwsServiceError(
        type.slice(type.indexOf('#') + 1),
        String(reply.body.message ?? 'Requested resource not found'),
        { statusCode: reply.statusCode === 200 ? 400 : reply.statusCode },
      );
    }
    return table.CreationDateTime ?? 0;
  });
  return {
    current: () => dynamodb,
    timeToLive,
    reset() {
      timeToLive.reset();
      // dynalite has no reset: a fresh in-memory instance is the cheapest empty database.
      dynamodb = newDynalite();
    },
  };
}

/** The services that keep state per account, wired as AWS wires them behind the scenes. */
function createServices(clock: Clock, account: string) {
  const sqs = createSqsService({ clock, account });
  const events = createEventBridgeService({
    clock,
    account,
    delivery: { deliver: (targetArn, message) => sqs.deliverToQueueArn(targetArn, message) },
  });
  const redshift = createRedshiftServerlessService({ clock, account, events });
  const accounts = createLocalAccounts({ defaultAccount: account, clock });
  return { sqs, events, redshift, accounts };
}

/**
 * Wires the local services the way AWS wires them behind the scenes: Redshift Serverless
 * write calls become CloudTrail events on the local EventBridge, whose SQS targets deliver to
 * the local SQS. Every request acts in its caller's account (see `account`); SQS, EventBridge
 * and Redshift Serverless keep state per account, and STS, Organizations and Account answer
 * from the accounts model. DynamoDB (dynalite) keeps one store for every account. Creating it
 * is cheap (no I/O); nothing listens until `listen()`.
 */
export const createLocalCloud = (options: LocalCloudOptions = {}): LocalCloud => {
  const clock = options.clock ?? systemClock;
  const account = options.account ?? LOCAL_ACCOUNT_ID;
  const startedAt = clock.now();
  const { sqs, events, redshift, accounts } = createServices(clock, account);
  const dynamodb = createLocalDynamoDb(options.dynamoDbTableTransitionMs ?? 0);
  const faults = new FaultInjector({ clock, random: options.random });
  const startup = createStartupGate({ ready: options.ready ?? true });

  const resetServices = (): void => {
    for (const service of [sqs, events, redshift, accounts, dynamodb]) service.reset();
  };

  const control = createControlApi({
    faults,
    health: () => ({
      ready: startup.ready,
      services: ['sqs', 'events', 'redshift-serverless', 'dynamodb', 'sts', 'organizations', 'account'],
      account,
      uptime: Math.max(0, (clock.now() - startedAt) / 1000),
    }),
    reset: resetServices,
    markBusy: (namePattern, seconds) => redshift.markBusy(namePattern, seconds),
    stats: () => ({
      redshiftCalls: redshift.callCounts(),
      createCounts: redshift.createCounts(),
      ruleStats: events.ruleStats(),
    }),
    routes: [accountsControlRoutes(accounts)],
  });

  const server = createServer(
    { keepAliveTimeout: 5_000 },
    createEdgeHandler({
      account,
      callerOf: accounts.callerOf,
      clock,
      services: [sqs, events, redshift, createOrganizationsService(accounts)],
      queryService: sqs,
      queryServices: [createStsService(accounts)],
      restServices: [createAccountService(accounts)],
      dynamodb: dynamodb.current,
      timeToLive: dynamodb.timeToLive,
      faults,
      control,
      sleep: options.sleep,
      log: options.log,
      startupGate: startup,
    }),
  );

  return {
    server,
    sqs,
    events,
    redshift,
    accounts,
    get dynamodb() {
      return dynamodb.current();
    },
    faults,
    startup,
    reset() {
      resetServices();
      faults.reset();
    },
    listen: (port = 4566, host = '127.0.0.1') => listen(server, port, host),
    close() {
      // A long poll would otherwise hold the process open for up to 20 s after its socket is gone.
      sqs.endLongPolls();
      return close(server);
    },
  };
};

function listen(server: Server, port: number, host: string): Promise<{ url: string }> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({ url: `http://${shownHost}:${address.port}` });
    });
  });
}

function close(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // SDK clients keep connections alive; without this close() waits for them to time out.
    server.closeAllConnections();
  });
}
