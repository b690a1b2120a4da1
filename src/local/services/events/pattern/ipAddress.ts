import { InvalidEventPatternError } from './InvalidEventPatternError.js';

const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

/** The bytes of an IPv4 (4) or IPv6 (16) literal, or `undefined` when `text` is not one. */
export function parseIpAddress(text: string): Uint8Array | undefined {
  if (IPV4_SHAPE.test(text)) {
    const parts = text.split('.').map(Number);
    if (parts.some((part) => part > 255)) {
      return undefined;
    }
    return Uint8Array.from(parts);
  }
  if (IPV6_SHAPE.test(text)) {
    return parseIpv6(text);
  }
  return undefined;
}

function parseIpv6(text: string): Uint8Array | undefined {
  const halves = text.split('::');
  if (halves.length > 2) {
    return undefined;
  }
  const groupsOf = (half: string | undefined): string[] => (half ? half.split(':') : []);
  const head = groupsOf(halves[0]);
  const tail = groupsOf(halves[1]);
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) {
    return undefined;
  }
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  const bytes = new Uint8Array(16);
  for (const [index, group] of groups.entries()) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) {
      return undefined;
    }
    const value = Number.parseInt(group, 16);
    bytes[index * 2] = value >> 8;
    bytes[index * 2 + 1] = value & 0xff;
  }
  return bytes;
}

/** Whether two addresses are the same address (same family, same bytes). */
export function sameIpAddress(left: Uint8Array, right: Uint8Array): boolean {
  return left.length === right.length && left.every((byte, index) => byte === right[index]);
}

/**
 * Compiles a `cidr` operand into a membership test, with event-ruler's validation and wording
 * (note that it refuses `/32` and `/128`: the masks must be strictly smaller).
 */
export function compileCidr(cidr: string): (address: Uint8Array) => boolean {
  const slashed = cidr.split('/');
  if (slashed.length !== 2) {
    throw new InvalidEventPatternError("Malformed CIDR, one '/' required");
  }
  const [ipText = '', maskText = ''] = slashed;
  if (!/^[+-]?[0-9]+$/.test(maskText)) {
    throw new InvalidEventPatternError('Malformed CIDR, mask bits must be an integer');
  }
  const maskBits = Number.parseInt(maskText, 10);
  if (maskBits < 0) {
    throw new InvalidEventPatternError('Malformed CIDR, mask bits must not be negative');
  }
  const base = parseIpAddress(ipText);
  if (base === undefined) {
    throw new InvalidEventPatternError(
      IPV4_SHAPE.test(ipText) || IPV6_SHAPE.test(ipText)
        ? `Invalid IP address: ${ipText}`
        : `Nonstandard IP address: ${ipText}`,
    );
  }
  if (base.length === 4 && maskBits > 31) {
    throw new InvalidEventPatternError('IPv4 mask bits must be < 32');
  }
  if (base.length === 16 && maskBits > 127) {
    throw new InvalidEventPatternError('IPv6 mask bits must be < 128');
  }
  return (address) => {
    if (address.length !== base.length) {
      return false;
    }
    for (let bit = 0; bit < maskBits; bit += 1) {
      const byteIndex = bit >> 3;
      const mask = 0x80 >> (bit & 7);
      if (((address[byteIndex] ?? 0) & mask) !== ((base[byteIndex] ?? 0) & mask)) {
        return false;
      }
    }
    return true;
  };
}
