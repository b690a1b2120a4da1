import { createHash, randomBytes } from 'node:crypto';
import { isAccountId } from './accountId.js';

/** What AWS starts the access key id of temporary (STS) credentials with. */
export const SESSION_ACCESS_KEY_PREFIX = 'ASIA';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const KEY_BODY = /^[A-Z2-7]{16}$/;
// Bits 1–40 of the first six bytes hold the account id, as in the key ids AWS issues
// (sts:GetAccessKeyInfo reads them the same way); bit 0 is always 0, the low 7 bits are random.
const ACCOUNT_MASK = 0x7fffffffff80n;
const CHECK_LABEL = 'copy-autopilot local STS';

/**
 * A new access key id for credentials of `account`: `ASIA` + 16 base-32 characters that carry
 * the account the way AWS's own key ids do, plus a check only the local STS writes. The account
 * can then be read back from the key alone, so a client holding cached credentials still lands
 * in the right account after the local cloud was reset or restarted.
 */
export function issueSessionAccessKeyId(
  account: string,
  random: (size: number) => Buffer = randomBytes,
): string {
  if (!isAccountId(account)) throw new RangeError(`not a 12-digit account id: ${account}`);
  const bytes = Buffer.alloc(10);
  const noise = random(3);
  const head = (BigInt(account) << 7n) | BigInt((noise[0] ?? 0) & 0x7f);
  bytes.writeUIntBE(Number(head), 0, 6);
  bytes[6] = noise[1] ?? 0;
  bytes[7] = noise[2] ?? 0;
  checkOf(bytes.subarray(0, 8)).copy(bytes, 8);
  return SESSION_ACCESS_KEY_PREFIX + encodeBase32(bytes);
}

/** The account a key from `issueSessionAccessKeyId` belongs to; undefined for any other key. */
export function accountOfSessionAccessKeyId(accessKeyId: string): string | undefined {
  if (!accessKeyId.startsWith(SESSION_ACCESS_KEY_PREFIX)) return undefined;
  const body = accessKeyId.slice(SESSION_ACCESS_KEY_PREFIX.length);
  if (!KEY_BODY.test(body)) return undefined;
  const bytes = decodeBase32(body);
  if (!checkOf(bytes.subarray(0, 8)).equals(bytes.subarray(8, 10))) return undefined;
  const account = ((BigInt(bytes.readUIntBE(0, 6)) & ACCOUNT_MASK) >> 7n).toString().padStart(12, '0');
  return isAccountId(account) ? account : undefined;
}

function checkOf(bytes: Buffer): Buffer {
  return createHash('sha256').update(CHECK_LABEL).update(bytes).digest().subarray(0, 2);
}

/** RFC 4648 base 32 of a length that is a multiple of 5 bytes (no padding needed). */
function encodeBase32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

function decodeBase32(text: string): Buffer {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text) {
    value = ((value << 5) | BASE32.indexOf(char)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}
