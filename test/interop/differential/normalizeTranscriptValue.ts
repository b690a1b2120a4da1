/**
 * Turns an SDK answer into what two correct implementations must agree on: shapes, counts,
 * bodies, digests, attribute values and error names stay; what each run invents (ids, receipt
 * handles, times, request ids, the endpoint's host and port) becomes a placeholder.
 *
 * Ids are numbered in order of first appearance (`<id 1>`, `<id 2>`, …) rather than blanked, so
 * the transcript still shows that the message in the DLQ is the one sent earlier, or that the
 * event in the queue is the one PutEvents answered with.
 */
export class TranscriptNormalizer {
  readonly #ids = new Map<string, number>();

  public normalize(value: unknown, key?: string): unknown {
    if (value instanceof Date) return '<date>';
    if (value instanceof Uint8Array) return `<bytes base64:${Buffer.from(value).toString('base64')}>`;
    if (Array.isArray(value)) return value.map((item) => this.normalize(item));
    if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value)
        .filter(([name, item]) => !DROPPED_KEYS.has(name) && item !== undefined)
        .map(([name, item]) => [name, this.normalize(item, name)] as const);
      return Object.fromEntries(entries);
    }
    if (typeof value === 'string') return this.#normalizeString(value, key);
    return value;
  }

  /** The placeholder an id got (or gets now): for steps that compare ids across answers. */
  public id(value: string): string {
    if (PLACEHOLDER_ID.test(value)) return value;
    let index = this.#ids.get(value);
    if (index === undefined) {
      index = this.#ids.size + 1;
      this.#ids.set(value, index);
    }
    return `<id ${index}>`;
  }

  #normalizeString(value: string, key: string | undefined): string {
    if (key !== undefined && ID_KEYS.has(key)) return this.id(value);
    if (key === 'ReceiptHandle') return '<receipt handle>';
    if (key?.endsWith('Timestamp') && /^\d+$/.test(value)) {
      // Keeping the digit count keeps the unit: SQS mixes epoch seconds and epoch milliseconds.
      return `<epoch ${value.length} digits>`;
    }
    // ISO times keep their shape (to the second or with milliseconds), not their digits.
    if (ISO_TIME.test(value)) return value.replace(/\d/g, '0');
    return value.replace(ENDPOINT, '<endpoint>');
  }
}

/** Keys whose values are ids the service invented. */
const ID_KEYS = new Set(['MessageId', 'EventId', 'id', 'TaskHandle', 'SequenceNumber']);

/** Transport metadata, not part of the API's answer. */
const DROPPED_KEYS = new Set(['$metadata', 'RequestId', 'requestId']);

const PLACEHOLDER_ID = /^<id \d+>$/;

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** The scheme, host and port of a URL: the local cloud and moto listen on different ports. */
const ENDPOINT = /https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]|[a-z0-9.-]+\.amazonaws\.com)(?::\d+)?/g;
