/** The account the local cloud answers as when a request names no other: LocalStack's default too. */
export const DEFAULT_ACCOUNT_ID = '000000000000';

const ACCOUNT_ID = /^\d{12}$/;

/** True for a 12-digit AWS account id. */
export function isAccountId(value: unknown): value is string {
  return typeof value === 'string' && ACCOUNT_ID.test(value);
}
