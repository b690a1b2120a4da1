import type { CapturedLine } from '../src/local/index.js';
import { namespaceKey, placeKey } from './chaosLayout.js';

/** The worker's outcome lines, counted as they are written. */
export class OutcomeTally {
  readonly outcomes: Record<string, number> = {};
  readonly retries: Record<string, number> = {};
  /** Namespaces (`account/region/name`) the worker logged `skipped` for. */
  readonly skipped = new Set<string>();
  /** Outcome lines other than `dead-lettered` by the `account/region` they name: where the worker judged or acted. */
  readonly outcomesByPlace: Record<string, number> = {};
  /** The latest outcome per namespace key, with its error when retried (straggler reports). */
  readonly last = new Map<string, string>();
  replays = 0;

  public add(line: CapturedLine): void {
    const { outcome, namespace, account, region, errorName, duplicate } = line.record as Record<
      string,
      unknown
    >;
    if (typeof outcome !== 'string') return;
    this.outcomes[outcome] = (this.outcomes[outcome] ?? 0) + 1;
    if (outcome === 'retry' && typeof errorName === 'string') {
      this.retries[errorName] = (this.retries[errorName] ?? 0) + 1;
    }
    if (duplicate === true) this.replays += 1;
    if (typeof account !== 'string' || typeof region !== 'string') return;
    if (outcome !== 'dead-lettered') {
      const place = placeKey(account, region);
      this.outcomesByPlace[place] = (this.outcomesByPlace[place] ?? 0) + 1;
    }
    if (typeof namespace !== 'string') return;
    const key = namespaceKey(account, region, namespace);
    if (outcome === 'skipped') this.skipped.add(key);
    this.last.set(key, typeof errorName === 'string' ? `${outcome} (${errorName})` : outcome);
  }
}
