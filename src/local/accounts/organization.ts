import { randomBytes } from 'node:crypto';
import type { Clock } from '../store/clock.js';
import { isAccountId } from './accountId.js';
import { InvalidDeclarationError, UnknownEntityError } from './errors.js';

/** `Account.Status` in AWS Organizations. */
export const AccountStatus = {
  Active: 'ACTIVE',
  Suspended: 'SUSPENDED',
  PendingClosure: 'PENDING_CLOSURE',
} as const;
export type AccountStatus = (typeof AccountStatus)[keyof typeof AccountStatus];

export interface OrganizationAccount {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly status: AccountStatus;
  /** The root or the organizational unit the account sits in directly. */
  readonly parentId: string;
  readonly joinedMethod: 'CREATED' | 'INVITED';
  /** Epoch milliseconds. */
  readonly joinedAt: number;
}

export interface OrganizationalUnit {
  readonly id: string;
  readonly name: string;
  readonly parentId: string;
}

/** What the control API may say of an account; everything but the id has a default. */
export interface AccountDeclaration {
  readonly id: string;
  readonly name?: string;
  readonly email?: string;
  readonly status?: AccountStatus;
  readonly parentId?: string;
}

export interface UnitDeclaration {
  readonly name: string;
  readonly id?: string;
  readonly parentId?: string;
}

/** Fixed ids, shaped as AWS shapes them (`o-` 10–32, `r-` 4–32 characters). */
export const ORGANIZATION_ID = 'o-localcloud';
export const ROOT_ID = 'r-local';
const UNIT_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
const STATUSES: readonly string[] = Object.values(AccountStatus);

/**
 * The local AWS Organization: the default account as its management account, plus the member
 * accounts and organizational units the control API declared. Accounts that were never declared
 * still work everywhere else in the local cloud; they just are not in the organization.
 */
export class LocalOrganization {
  public readonly id = ORGANIZATION_ID;
  public readonly rootId = ROOT_ID;
  readonly #accounts = new Map<string, OrganizationAccount>();
  readonly #units = new Map<string, OrganizationalUnit>();

  public constructor(
    public readonly managementAccountId: string,
    private readonly clock: Clock,
  ) {
    this.reset();
  }

  /** Adds an account to the organization or changes one (its join time stays). */
  public declareAccount(declaration: AccountDeclaration): OrganizationAccount {
    const { id } = declaration;
    if (!isAccountId(id)) throw new InvalidDeclarationError('id', 'must be a 12-digit account id');
    if (declaration.status !== undefined && !STATUSES.includes(declaration.status)) {
      throw new InvalidDeclarationError('status', `must be one of ${STATUSES.join(', ')}`);
    }
    const parentId = declaration.parentId ?? this.#accounts.get(id)?.parentId ?? ROOT_ID;
    this.#requireParent(parentId);
    const existing = this.#accounts.get(id);
    const account: OrganizationAccount = {
      id,
      name: declaration.name ?? existing?.name ?? `account-${id}`,
      email: declaration.email ?? existing?.email ?? `aws+${id}@example.com`,
      status: declaration.status ?? existing?.status ?? AccountStatus.Active,
      parentId,
      joinedMethod: existing?.joinedMethod ?? 'CREATED',
      joinedAt: existing?.joinedAt ?? this.clock.now(),
    };
    this.#accounts.set(id, account);
    return account;
  }

  /** Takes an account out of the organization; the management account cannot leave. */
  public removeAccount(id: string): boolean {
    if (id === this.managementAccountId) {
      throw new InvalidDeclarationError('id', 'the management account cannot leave its organization');
    }
    return this.#accounts.delete(id);
  }

  /** Adds an organizational unit (or renames / moves one declared with the same id). */
  public declareUnit(declaration: UnitDeclaration): OrganizationalUnit {
    if (declaration.name.length === 0 || declaration.name.length > 128) {
      throw new InvalidDeclarationError('name', 'must be 1 to 128 characters');
    }
    const id = declaration.id ?? `ou-${ROOT_ID.slice(2)}-${randomBytes(4).toString('hex')}`;
    if (!UNIT_ID.test(id)) {
      throw new InvalidDeclarationError('id', 'must look like ou-<4–32 of a-z0-9>-<8–32 of a-z0-9>');
    }
    const parentId = declaration.parentId ?? ROOT_ID;
    this.#requireParent(parentId);
    for (let at: string | undefined = parentId; at !== undefined; at = this.#units.get(at)?.parentId) {
      if (at === id)
        throw new InvalidDeclarationError('parentId', 'an organizational unit cannot sit inside itself');
    }
    const unit: OrganizationalUnit = { id, name: declaration.name, parentId };
    this.#units.set(id, unit);
    return unit;
  }

  /** The management account first, then members in the order they joined. */
  public accounts(): OrganizationAccount[] {
    return [...this.#accounts.values()];
  }

  public account(id: string): OrganizationAccount | undefined {
    return this.#accounts.get(id);
  }

  public units(): OrganizationalUnit[] {
    return [...this.#units.values()];
  }

  /** True for the root and for declared organizational units. */
  public hasParent(id: string): boolean {
    return id === ROOT_ID || this.#units.has(id);
  }

  /** Accounts directly under a parent (not under its child units), as ListAccountsForParent lists them. */
  public accountsUnder(parentId: string): OrganizationAccount[] {
    return this.accounts().filter((account) => account.parentId === parentId);
  }

  public unitsUnder(parentId: string): OrganizationalUnit[] {
    return this.units().filter((unit) => unit.parentId === parentId);
  }

  /** Back to the management account alone. */
  public reset(): void {
    this.#accounts.clear();
    this.#units.clear();
    this.#accounts.set(this.managementAccountId, {
      id: this.managementAccountId,
      name: 'management',
      email: `aws+${this.managementAccountId}@example.com`,
      status: AccountStatus.Active,
      parentId: ROOT_ID,
      joinedMethod: 'CREATED',
      joinedAt: this.clock.now(),
    });
  }

  #requireParent(parentId: string): void {
    if (!this.hasParent(parentId)) {
      throw new UnknownEntityError(
        `parentId ${parentId} is neither the root ${ROOT_ID} nor a declared organizational unit`,
      );
    }
  }
}
