import type { Clock } from '../store/clock.js';
import { type CallerIdentity, resolveCaller } from './callerIdentity.js';
import { LocalOrganization } from './organization.js';
import { RegionOptIns } from './regionOptIns.js';
import { RoleRegistry } from './roles.js';
import { SessionStore } from './sessions.js';

/**
 * Everything the local cloud knows about accounts: the organization, which opt-in regions each
 * account enabled, which roles are missing, and the sessions the local STS issued. The edge asks
 * it who a caller is; STS, Organizations, Account and the control API read and change it.
 */
export interface LocalAccounts {
  /** The central account: where callers with no account of their own land (`000000000000`). */
  readonly defaultAccount: string;
  readonly organization: LocalOrganization;
  readonly regions: RegionOptIns;
  readonly roles: RoleRegistry;
  readonly sessions: SessionStore;
  /** The caller a request's access key id names, for a request signed for `region`. */
  callerOf(accessKeyId: string | undefined, region: string): CallerIdentity;
  /** Forgets declared accounts, units, regions, missing roles and issued sessions. */
  reset(): void;
}

export function createLocalAccounts(options: { defaultAccount: string; clock: Clock }): LocalAccounts {
  const { defaultAccount } = options;
  const organization = new LocalOrganization(defaultAccount, options.clock);
  const regions = new RegionOptIns();
  const roles = new RoleRegistry();
  const sessions = new SessionStore();
  return {
    defaultAccount,
    organization,
    regions,
    roles,
    sessions,
    callerOf: (accessKeyId, region) => resolveCaller(accessKeyId, region, { defaultAccount, sessions }),
    reset() {
      organization.reset();
      regions.reset();
      roles.reset();
      sessions.reset();
    },
  };
}
