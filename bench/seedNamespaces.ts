import { type LocalCloud, systemClock } from '../src/local/index.js';

/** Where seeded namespaces go: an account and a region of the local cloud. */
export interface SeedTarget {
  readonly account: string;
  readonly region: string;
}

/**
 * Creates namespaces straight in the local Redshift Serverless (no HTTP, nothing counted at the
 * edge): `names` in each target, in order. Their CloudTrail records still reach the local
 * EventBridge, so a deployed automation's namespace-created rule must be off if the bench wants
 * them unprotected.
 */
export function seedNamespaces(
  cloud: LocalCloud,
  targets: readonly SeedTarget[],
  names: (target: SeedTarget, targetIndex: number) => readonly string[],
): number {
  let created = 0;
  targets.forEach((target, targetIndex) => {
    for (const namespaceName of names(target, targetIndex)) {
      const ctx = { ...target, requestId: `seed-${created}`, clock: systemClock };
      cloud.redshift.handle('CreateNamespace', { namespaceName }, ctx);
      created += 1;
    }
  });
  return created;
}

/** `count` names `<prefix>-00000` … split as evenly as can be into `parts` consecutive slices. */
export function splitNames(prefix: string, count: number, parts: number): string[][] {
  const names = Array.from({ length: count }, (_, index) => `${prefix}-${String(index).padStart(5, '0')}`);
  return Array.from({ length: parts }, (_, part) =>
    names.slice(Math.floor((part * count) / parts), Math.floor(((part + 1) * count) / parts)),
  );
}
