import {
  DeleteSnapshotCopyConfigurationCommand,
  ListSnapshotCopyConfigurationsCommand,
} from '@aws-sdk/client-redshift-serverless';
import type { LocalAutomation } from '../src/local/index.js';
import { keyOf, type PlannedNamespace } from './chaosPlan.js';

/** A retry after a miss (no configuration yet, namespace busy, a 500) waits this long. */
const RETRY_MS = 500;

/** What the people deleting configurations by hand did. */
export interface HandDeletionTally {
  readonly planned: number;
  /** Keys (`account/region/name`) whose configuration was deleted, with the deleted one's id. */
  readonly deleted: ReadonlyMap<string, string>;
  /** Keys given up on: no configuration to delete before the deadline. */
  readonly notDone: readonly string[];
}

/**
 * Someone deletes copy configurations by hand during the storm, through the real SDK with the
 * namespace's own account's credentials: at each planned moment, once the namespace has its
 * configuration (tried again every half second until then, or while the namespace is busy),
 * ListSnapshotCopyConfigurations, then DeleteSnapshotCopyConfiguration. The CloudTrail event of
 * the deletion (forwarded from a member by its template) is what must bring it back.
 */
export class HandDeletions {
  readonly #automation: LocalAutomation;
  readonly #namespaces: readonly PlannedNamespace[];
  readonly #deleted = new Map<string, string>();
  readonly #notDone: string[] = [];

  public constructor(automation: LocalAutomation, namespaces: readonly PlannedNamespace[]) {
    this.#automation = automation;
    this.#namespaces = namespaces.filter((namespace) => namespace.deleteByHandAtMs !== undefined);
  }

  /**
   * Starts the deletions at their planned moments (ms after now); resolves when every one is
   * done or given up on at `deadlineMs` after now.
   */
  public run(deadlineMs: number, timers: NodeJS.Timeout[]): Promise<void> {
    const deadline = performance.now() + deadlineMs;
    return Promise.all(
      this.#namespaces.map(
        (namespace) =>
          new Promise<void>((resolve) => {
            const attempt = async (): Promise<void> => {
              if (await this.#tryDelete(namespace)) return resolve();
              if (performance.now() > deadline) {
                this.#notDone.push(keyOf(namespace));
                return resolve();
              }
              timers.push(setTimeout(() => void attempt(), RETRY_MS));
            };
            timers.push(setTimeout(() => void attempt(), namespace.deleteByHandAtMs ?? 0));
          }),
      ),
    ).then(() => undefined);
  }

  public get tally(): HandDeletionTally {
    return { planned: this.#namespaces.length, deleted: this.#deleted, notDone: this.#notDone };
  }

  /** True once the configuration is deleted; false to try again later. */
  async #tryDelete(namespace: PlannedNamespace): Promise<boolean> {
    const { redshift } = this.#automation.clientsFor(namespace.account, namespace.region);
    try {
      const { snapshotCopyConfigurations = [] } = await redshift.send(
        new ListSnapshotCopyConfigurationsCommand({ namespaceName: namespace.name }),
      );
      const [configuration] = snapshotCopyConfigurations;
      const id = configuration?.snapshotCopyConfigurationId;
      if (id === undefined) return false;
      await redshift.send(new DeleteSnapshotCopyConfigurationCommand({ snapshotCopyConfigurationId: id }));
      this.#deleted.set(keyOf(namespace), id);
      return true;
    } catch {
      // Busy namespace (ConflictException), an injected 500 or throttle: a person tries again.
      return false;
    }
  }
}
