import { PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateNamespaceCommand } from '@aws-sdk/client-redshift-serverless';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
} from '@aws-sdk/client-sqs';
import { DetailType, EventSource } from '../src/events/constants.js';
import type { LocalAutomation } from '../src/local/index.js';
import { keyOf, type PlannedNamespace } from './chaosPlan.js';
import { ChaosRunError } from './chaosRunError.js';
import { eventSubject, subjectKey } from './eventNamespace.js';

const TAP_NAME = 'chaos-tap';

/** What the traffic sent so far, for the verification and the counts. */
export interface TrafficLedger {
  /** Which planned namespace (`account/region/name`) each event id is about. */
  readonly namespaceOfEvent: Map<string, string>;
  firstDeliveries: number;
  duplicateEnvelopes: number;
  manualRequests: number;
}

/**
 * The chaos run's event source: creates namespaces in their accounts and regions (CloudTrail
 * events through the deployed rules; a member's are forwarded by its member template), puts
 * operators' requests on the central bus, and re-delivers some envelopes as they were.
 * A tap (one more rule and queue, matching what the automation's rules match) shows the exact
 * envelopes EventBridge delivered, so a duplicate is the same event id, byte for byte.
 */
export class ChaosTraffic {
  readonly #automation: LocalAutomation;
  readonly #requestsQueueUrl: string;
  readonly #byKey: ReadonlyMap<string, PlannedNamespace>;
  readonly #duplicated = new Set<string>();
  #tapUrl = '';
  public readonly ledger: TrafficLedger = {
    namespaceOfEvent: new Map(),
    firstDeliveries: 0,
    duplicateEnvelopes: 0,
    manualRequests: 0,
  };

  public constructor(
    automation: LocalAutomation,
    requestsQueueUrl: string,
    namespaces: readonly PlannedNamespace[],
  ) {
    this.#automation = automation;
    this.#requestsQueueUrl = requestsQueueUrl;
    this.#byKey = new Map(namespaces.map((namespace) => [keyOf(namespace), namespace]));
  }

  public async installTap(): Promise<void> {
    const { sqs, events } = this.#automation.clients;
    const queue = await sqs.send(new CreateQueueCommand({ QueueName: TAP_NAME }));
    this.#tapUrl = queue.QueueUrl ?? '';
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: this.#tapUrl, AttributeNames: ['QueueArn'] }),
    );
    await events.send(
      new PutRuleCommand({
        Name: TAP_NAME,
        EventPattern: JSON.stringify({ source: [EventSource.RedshiftServerless, EventSource.CopyAutopilot] }),
      }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: TAP_NAME,
        Targets: [{ Id: 'tap', Arn: attributes.Attributes?.QueueArn ?? '' }],
      }),
    );
  }

  /** First events of a chunk: namespaces created (a few at once), requests for the others. */
  public async sendFirstEvents(chunk: readonly PlannedNamespace[], concurrency = 8): Promise<void> {
    const created = chunk.filter((namespace) => namespace.created);
    const requested = chunk.filter((namespace) => !namespace.created);
    for (let start = 0; start < created.length; start += concurrency) {
      await Promise.all(
        created.slice(start, start + concurrency).map((namespace) => this.#create(namespace)),
      );
    }
    await this.#request(requested);
    this.ledger.firstDeliveries += chunk.length;
  }

  /** Operators' requests for namespaces already sent: new events, same desired state. */
  public async sendManualRequests(chunk: readonly PlannedNamespace[]): Promise<void> {
    const repeated = chunk.filter((namespace) => namespace.manualRequest);
    await this.#request(repeated);
    this.ledger.manualRequests += repeated.length;
  }

  /**
   * Reads what the tap saw and sends the planned duplicates to the requests queue, exactly as
   * delivered (at-least-once delivery). Returns how many envelopes the tap held.
   */
  public async deliverDuplicates(): Promise<number> {
    await this.#automation.cloud.events.drain();
    const { sqs } = this.#automation.clients;
    let seen = 0;
    for (;;) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: this.#tapUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 60 }),
      );
      if (Messages.length === 0) return seen;
      seen += Messages.length;
      const duplicates: string[] = [];
      for (const message of Messages) {
        const body = message.Body ?? '';
        const subject = eventSubject(body);
        const key = subjectKey(subject);
        if (subject.eventId === undefined || key === undefined) continue;
        this.ledger.namespaceOfEvent.set(subject.eventId, key);
        if (this.#byKey.get(key)?.duplicateDelivery && !this.#duplicated.has(key)) {
          this.#duplicated.add(key);
          duplicates.push(body);
        }
      }
      if (duplicates.length > 0) {
        await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: this.#requestsQueueUrl,
            Entries: duplicates.map((body, index) => ({ Id: String(index), MessageBody: body })),
          }),
        );
        this.ledger.duplicateEnvelopes += duplicates.length;
      }
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.#tapUrl,
          Entries: Messages.map((message, index) => ({
            Id: String(index),
            ReceiptHandle: message.ReceiptHandle,
          })),
        }),
      );
    }
  }

  async #create(namespace: PlannedNamespace): Promise<void> {
    if (namespace.busyAtCreationSeconds !== undefined) {
      this.#automation.cloud.redshift.markBusy(namespace.name, namespace.busyAtCreationSeconds);
    }
    await this.#automation.clientsFor(namespace.account, namespace.region).redshift.send(
      new CreateNamespaceCommand({
        namespaceName: namespace.name,
        adminUsername: 'admin',
        adminUserPassword: 'Chaos-Passw0rd-never-logged',
        tags: Object.entries(namespace.tags).map(([key, value]) => ({ key, value })),
      }),
    );
  }

  async #request(namespaces: readonly PlannedNamespace[]): Promise<void> {
    for (let start = 0; start < namespaces.length; start += 10) {
      const batch = namespaces.slice(start, start + 10);
      const response = await this.#automation.clients.events.send(
        new PutEventsCommand({
          Entries: batch.map((namespace) => ({
            Source: EventSource.CopyAutopilot,
            DetailType: DetailType.SnapshotCopyRequested,
            Detail: JSON.stringify({
              namespaceName: namespace.name,
              account: namespace.account,
              region: namespace.region,
            }),
          })),
        }),
      );
      (response.Entries ?? []).forEach((entry, index) => {
        const namespace = batch[index];
        if (entry.EventId !== undefined && namespace !== undefined) {
          this.ledger.namespaceOfEvent.set(entry.EventId, keyOf(namespace));
        }
      });
      if ((response.FailedEntryCount ?? 0) > 0) {
        throw new ChaosRunError(`PutEvents refused ${response.FailedEntryCount} chaos requests`);
      }
    }
  }
}
