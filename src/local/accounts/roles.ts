import { PARTITION_IDS_PATTERN, type Partition } from './partition.js';

/** An IAM role as its ARN names it. */
export interface RoleReference {
  readonly partition: Partition;
  readonly account: string;
  /** `/` or `/team/` … */
  readonly path: string;
  readonly roleName: string;
  readonly arn: string;
}

// IAM role names: 1–64 of [\w+=,.@-]; arn:<partition>:iam::<account>:role/<path/>name.
const ROLE_NAME = '[\\w+=,.@-]{1,64}';
const ROLE_NAME_FORM = new RegExp(`^${ROLE_NAME}$`);
const ROLE_ARN = new RegExp(
  `^arn:(${PARTITION_IDS_PATTERN}):iam::(\\d{12}):role(\\/(?:[\\w+=,.@-]+\\/)*)(${ROLE_NAME})$`,
);

/** True for a name IAM accepts for a role (1–64 of letters, digits and `+=,.@_-`). */
export function isRoleName(value: unknown): value is string {
  return typeof value === 'string' && ROLE_NAME_FORM.test(value);
}

/** The parts of an IAM role ARN, or undefined when `arn` is not one. */
export function parseRoleArn(arn: string): RoleReference | undefined {
  const match = ROLE_ARN.exec(arn);
  if (match === null) return undefined;
  const [, partition = 'aws', account = '', path = '/', roleName = ''] = match;
  // The pattern admits the three partitions only.
  return { partition: partition as Partition, account, path, roleName, arn };
}

/** A role declared missing, as the control API lists it. */
export interface MissingRole {
  readonly account: string;
  readonly roleName: string;
  /** The partition its account lives in (IAM is global within one), for its ARN. */
  readonly partition: Partition;
}

/** `arn:<partition>:iam::<account>:role/<name>`: the ARN IAM gives a role at the root path. */
export function roleArnOf(role: {
  readonly partition: Partition;
  readonly account: string;
  readonly roleName: string;
}): string {
  return `arn:${role.partition}:iam::${role.account}:role/${role.roleName}`;
}

/**
 * Which roles exist. The local cloud has no IAM: every role exists (and trusts every caller)
 * unless the control API declared it missing, which is how tests make AssumeRole refuse, as
 * AWS does for a role that is absent or does not trust the caller.
 */
export class RoleRegistry {
  readonly #missing = new Map<string, MissingRole>();

  /**
   * Declares whether a role exists; roles are found by account and name, whatever their path.
   * `partition` (commercial by default) is the one its account lives in, for the ARN it is listed with.
   */
  public declare(account: string, roleName: string, exists: boolean, partition: Partition = 'aws'): void {
    const key = `${account}/${roleName}`;
    if (exists) this.#missing.delete(key);
    else this.#missing.set(key, { account, roleName, partition });
  }

  public exists(account: string, roleName: string): boolean {
    return !this.#missing.has(`${account}/${roleName}`);
  }

  /** Roles declared missing, by account then name. */
  public missing(): MissingRole[] {
    return [...this.#missing.values()].sort(
      (a, b) => a.account.localeCompare(b.account) || a.roleName.localeCompare(b.roleName),
    );
  }

  /** Every role exists again; returns how many were declared missing. */
  public reset(): number {
    const count = this.#missing.size;
    this.#missing.clear();
    return count;
  }
}
