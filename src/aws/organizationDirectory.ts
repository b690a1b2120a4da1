import { type AccountClient, ListRegionsCommand } from '@aws-sdk/client-account';
import {
  type Account,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';

/** ListAccounts, ListAccountsForParent and ListOrganizationalUnitsForParent: at most 20 a page. */
const ORGANIZATIONS_PAGE_SIZE = 20;
/** ListRegions: at most 50 a page. */
const REGIONS_PAGE_SIZE = 50;

export interface OrganizationDirectoryOptions {
  readonly organizations: OrganizationsClient;
  readonly account: AccountClient;
  /**
   * The caller's own account: ListRegions is asked about it without an AccountId (the management
   * account may not name itself, and a standalone account cannot name anyone).
   */
  readonly ownAccount: string;
}

/**
 * The scope's accounts and regions as AWS Organizations and Account Management report them.
 * Answers in the organization's management account or a delegated administrator (for another
 * account's regions, with trusted access for Account Management).
 */
export class OrganizationDirectory {
  readonly #options: OrganizationDirectoryOptions;

  public constructor(options: OrganizationDirectoryOptions) {
    this.#options = options;
  }

  public async organizationAccounts(organizationalUnits?: readonly string[]): Promise<readonly string[]> {
    const accounts =
      organizationalUnits === undefined || organizationalUnits.length === 0
        ? await this.#allAccounts()
        : (await Promise.all(organizationalUnits.map((ou) => this.#accountsUnder(ou)))).flat();
    return [...new Set(accounts.filter(isActive).flatMap((account) => (account.Id ? [account.Id] : [])))];
  }

  public async enabledRegions(account: string): Promise<readonly string[]> {
    const regions = await allPages(async (NextToken) => {
      const page = await this.#options.account.send(
        new ListRegionsCommand({
          AccountId: account === this.#options.ownAccount ? undefined : account,
          RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'],
          MaxResults: REGIONS_PAGE_SIZE,
          NextToken,
        }),
      );
      return { items: page.Regions ?? [], nextToken: page.NextToken };
    });
    return regions.flatMap((region) => (region.RegionName ? [region.RegionName] : []));
  }

  #allAccounts(): Promise<Account[]> {
    return allPages(async (NextToken) => {
      const page = await this.#options.organizations.send(
        new ListAccountsCommand({ MaxResults: ORGANIZATIONS_PAGE_SIZE, NextToken }),
      );
      return { items: page.Accounts ?? [], nextToken: page.NextToken };
    });
  }

  /** The accounts directly under an OU or root, then those of its child OUs, depth first. */
  async #accountsUnder(parentId: string): Promise<Account[]> {
    const accounts = await allPages(async (NextToken) => {
      const page = await this.#options.organizations.send(
        new ListAccountsForParentCommand({
          ParentId: parentId,
          MaxResults: ORGANIZATIONS_PAGE_SIZE,
          NextToken,
        }),
      );
      return { items: page.Accounts ?? [], nextToken: page.NextToken };
    });
    const children = await allPages(async (NextToken) => {
      const page = await this.#options.organizations.send(
        new ListOrganizationalUnitsForParentCommand({
          ParentId: parentId,
          MaxResults: ORGANIZATIONS_PAGE_SIZE,
          NextToken,
        }),
      );
      return { items: page.OrganizationalUnits ?? [], nextToken: page.NextToken };
    });
    for (const child of children) if (child.Id) accounts.push(...(await this.#accountsUnder(child.Id)));
    return accounts;
  }
}

/** Every item of a paged listing: pages are asked for until one comes without a next token. */
async function allPages<T>(
  page: (nextToken: string | undefined) => Promise<{ items: readonly T[]; nextToken?: string }>,
): Promise<T[]> {
  const items: T[] = [];
  let nextToken: string | undefined;
  do {
    const result = await page(nextToken);
    items.push(...result.items);
    nextToken = result.nextToken;
  } while (nextToken);
  return items;
}

/**
 * Only ACTIVE accounts are swept: a SUSPENDED or closing account has nothing to protect and
 * refuses the role. `State` replaces `Status`, which AWS retires in 2026; either is read.
 */
function isActive(account: Account): boolean {
  return (account.State ?? account.Status) === 'ACTIVE';
}
