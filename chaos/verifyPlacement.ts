import { type ChaosLayout, namespaceKey, placeKey } from './chaosLayout.js';
import { type ChaosPlan, ChaosCaseKind as Kind, keyOf } from './chaosPlan.js';

/** A copy configuration at the end of the run, where it lives. */
export interface PlacedConfiguration {
  readonly account: string;
  readonly sourceRegion: string;
  readonly namespaceName: string;
}

/** What the run saw of where things happened. */
export interface PlacementObservation {
  readonly configurations: readonly PlacedConfiguration[];
  /** Copy configurations ever created, per account then namespace name (deletions do not lower it). */
  readonly createCounts: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** CreateSnapshotCopyConfiguration and UpdateSnapshotCopyConfiguration calls the edge answered, by `account/region` of the caller. */
  readonly writesByPlace: Readonly<Record<string, number>>;
  /** Worker outcome lines other than `dead-lettered` (it judged or acted), by the `account/region` they name. */
  readonly outcomesByPlace: Readonly<Record<string, number>>;
}

/**
 * "Nothing in a wrong account", checked four ways: every configuration belongs to a protected
 * namespace of that very account and region; every configuration ever created (deleted or not)
 * to one of that account; every copy-configuration write the edge saw came from a managed
 * account in a region of the scope; and the worker never judged or acted on a record of an
 * unmanaged account, a role-less one or a region outside the scope. Adds one violation per
 * finding and returns how many there were. Pure.
 */
export function checkPlacement(
  plan: ChaosPlan,
  observed: PlacementObservation,
  violations: string[],
): number {
  const before = violations.length;
  const protectedKeys = new Set(plan.namespaces.filter((each) => each.kind === Kind.Protected).map(keyOf));
  const protectedNames = new Set(
    plan.namespaces
      .filter((each) => each.kind === Kind.Protected)
      .map((each) => `${each.account}/${each.name}`),
  );
  for (const configuration of observed.configurations) {
    const key = namespaceKey(configuration.account, configuration.sourceRegion, configuration.namespaceName);
    if (!protectedKeys.has(key))
      violations.push(`${key}: a copy configuration where the plan protects no such namespace`);
  }
  for (const [account, counts] of Object.entries(observed.createCounts)) {
    for (const [name, count] of Object.entries(counts)) {
      if (count > 0 && !protectedNames.has(`${account}/${name}`))
        violations.push(
          `${account}/${name}: ${count} copy configuration(s) created in an account the plan protects it in nowhere`,
        );
    }
  }
  const managed = managedPlaces(plan.layout);
  for (const [place, count] of Object.entries(observed.writesByPlace)) {
    if (count > 0 && !managed.has(place))
      violations.push(
        `${place}: ${count} copy-configuration writes outside the managed accounts and regions`,
      );
  }
  for (const [place, count] of Object.entries(observed.outcomesByPlace)) {
    if (count > 0 && isRefused(plan.layout, place))
      violations.push(`${place}: the worker judged or acted on ${count} records it must refuse`);
  }
  return violations.length - before;
}

/** The managed accounts in the scope's regions, as `account/region`. */
function managedPlaces(layout: ChaosLayout): Set<string> {
  return new Set(
    layout.managedAccounts.flatMap((account) => layout.regions.map((region) => placeKey(account, region))),
  );
}

function isRefused(layout: ChaosLayout, place: string): boolean {
  const [account = '', region = ''] = place.split('/');
  return (
    layout.unmanagedAccounts.includes(account) ||
    layout.roleMissingAccounts.includes(account) ||
    layout.outOfScopeRegions.includes(region)
  );
}
