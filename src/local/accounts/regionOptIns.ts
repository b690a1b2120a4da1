import { InvalidDeclarationError } from './errors.js';
import { AWS_PARTITION_REGIONS, RegionKind } from './regionCatalog.js';

/** `RegionOptStatus` as account:ListRegions reports it. */
export const RegionOptStatus = {
  Enabled: 'ENABLED',
  Enabling: 'ENABLING',
  Disabling: 'DISABLING',
  Disabled: 'DISABLED',
  EnabledByDefault: 'ENABLED_BY_DEFAULT',
} as const;
export type RegionOptStatus = (typeof RegionOptStatus)[keyof typeof RegionOptStatus];

export interface AccountRegion {
  readonly regionName: string;
  readonly status: RegionOptStatus;
}

/**
 * Which regions each account has enabled: the regions enabled by default always are; an opt-in
 * region is DISABLED until the control API enables it for that account (it then answers
 * ENABLED at once: the local cloud skips AWS's minutes of ENABLING).
 */
export class RegionOptIns {
  readonly #enabled = new Map<string, Set<string>>();

  /** Every region of the partition with its status for the account, by region name. */
  public regionsOf(account: string): AccountRegion[] {
    return Object.keys(AWS_PARTITION_REGIONS)
      .sort()
      .map((regionName) => ({ regionName, status: this.statusOf(account, regionName) }));
  }

  public statusOf(account: string, region: string): RegionOptStatus {
    if (AWS_PARTITION_REGIONS[region] === RegionKind.EnabledByDefault)
      return RegionOptStatus.EnabledByDefault;
    return this.#enabled.get(account)?.has(region) ? RegionOptStatus.Enabled : RegionOptStatus.Disabled;
  }

  /** Enables or disables an opt-in region for an account. */
  public set(account: string, region: string, enabled: boolean): RegionOptStatus {
    const kind = AWS_PARTITION_REGIONS[region];
    if (kind === undefined)
      throw new InvalidDeclarationError('region', `${region} is not a region of the aws partition`);
    if (kind === RegionKind.EnabledByDefault) {
      throw new InvalidDeclarationError(
        'region',
        `${region} is enabled by default and cannot be enabled or disabled`,
      );
    }
    let regions = this.#enabled.get(account);
    if (regions === undefined) {
      regions = new Set();
      this.#enabled.set(account, regions);
    }
    if (enabled) regions.add(region);
    else regions.delete(region);
    return this.statusOf(account, region);
  }

  /** Makes sure an account can use a region: enables it when it is an opt-in region, else changes nothing. */
  public ensureEnabled(account: string, region: string): void {
    if (AWS_PARTITION_REGIONS[region] === RegionKind.OptIn) this.set(account, region, true);
  }

  public reset(): void {
    this.#enabled.clear();
  }
}
