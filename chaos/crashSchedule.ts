import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { type ChaosPlan, keyOf } from './chaosPlan.js';
import { eventSubject, subjectKey } from './eventNamespace.js';

/** Copy configurations ever created for a namespace name in an account. */
export type CreatesOf = (account: string, name: string) => number;

/**
 * Decides which batches die: the first one that carries a crash-planned namespace after its
 * copy configuration exists (created by this batch or before), once per namespace.
 */
export class CrashSchedule {
  /** Keys (`account/region/name`) of the namespaces still to crash on. */
  readonly #pending: Set<string>;
  readonly planned: number;
  /** Messages of killed batches, until the worker handles them again. */
  readonly #unacknowledged = new Set<string>();
  count = 0;
  redeliveries = 0;

  public constructor(plan: ChaosPlan) {
    this.#pending = new Set(plan.namespaces.filter((namespace) => namespace.crash).map(keyOf));
    this.planned = this.#pending.size;
  }

  public shouldCrash(event: SQSEvent, response: SQSBatchResponse | undefined, createsOf: CreatesOf): boolean {
    if (this.#pending.size === 0) return false;
    const failed = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
    for (const record of event.Records) {
      if (failed.has(record.messageId)) continue;
      const subject = eventSubject(record.body);
      const key = subjectKey(subject);
      if (key === undefined || !this.#pending.has(key)) continue;
      if (createsOf(subject.account ?? '', subject.namespaceName ?? '') === 0) continue;
      this.#pending.delete(key);
      this.count += 1;
      for (const killed of event.Records) this.#unacknowledged.add(killed.messageId);
      return true;
    }
    return false;
  }

  /** An outcome line: its record was delivered again if it belonged to a killed batch. */
  public noteOutcome(messageId: unknown): void {
    if (typeof messageId === 'string' && this.#unacknowledged.delete(messageId)) this.redeliveries += 1;
  }
}
