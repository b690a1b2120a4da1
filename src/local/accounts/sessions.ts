import { createHash, randomBytes } from 'node:crypto';
import type { RoleReference } from './roles.js';
import { issueSessionAccessKeyId } from './sessionAccessKeys.js';

/** Credentials the local STS issued, with what GetCallerIdentity and CloudTrail say of them. */
export interface RoleSession {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  readonly role: RoleReference;
  readonly sessionName: string;
  /** `AROA…`: stable per role ARN, as a real role's unique id is. */
  readonly roleId: string;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The unique id IAM gives a role (`AROA` + 17 characters), derived from its ARN so it never changes. */
export function roleIdOf(roleArn: string): string {
  const digest = createHash('sha256').update(roleArn).digest();
  let id = 'AROA';
  for (let index = 0; id.length < 21; index += 1) id += ID_ALPHABET[(digest[index] ?? 0) % 32];
  return id;
}

/**
 * Sessions the local STS has issued, by access key id. Expired sessions are kept: the local
 * cloud checks no signatures and no expiry (SDKs refresh before expiry anyway), and the key
 * itself names its account even for a session this table has forgotten.
 */
export class SessionStore {
  readonly #sessions = new Map<string, RoleSession>();

  public issue(role: RoleReference, sessionName: string, expiresAt: number): RoleSession {
    const session: RoleSession = {
      accessKeyId: issueSessionAccessKeyId(role.account),
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(120).toString('base64')}`,
      expiresAt,
      role,
      sessionName,
      roleId: roleIdOf(role.arn),
    };
    this.#sessions.set(session.accessKeyId, session);
    return session;
  }

  public find(accessKeyId: string): RoleSession | undefined {
    return this.#sessions.get(accessKeyId);
  }

  public reset(): void {
    this.#sessions.clear();
  }
}
