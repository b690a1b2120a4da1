import { inflateRawSync } from 'node:zlib';

/** One file of a zip archive, as its central directory lists it. */
export interface ZipEntry {
  readonly name: string;
  readonly compressedBytes: number;
  readonly uncompressedBytes: number;
  /** The file's content, inflated. */
  read(): Buffer;
}

export class ZipFormatError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/**
 * The entries of a zip archive (a Lambda deployment package), read with node's zlib so the
 * bench needs no `unzip` on the machine. Handles what packagers write: stored and deflated
 * entries, no zip64, no encryption.
 */
export function readZipEntries(archive: Buffer): ZipEntry[] {
  const end = findEndOfCentralDirectory(archive);
  const count = archive.readUInt16LE(end + 10);
  let offset = archive.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (archive.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) {
      throw new ZipFormatError(`central directory entry ${index} is malformed`);
    }
    const method = archive.readUInt16LE(offset + 10);
    const compressedBytes = archive.readUInt32LE(offset + 20);
    const uncompressedBytes = archive.readUInt32LE(offset + 24);
    const nameLength = archive.readUInt16LE(offset + 28);
    const extraLength = archive.readUInt16LE(offset + 30);
    const commentLength = archive.readUInt16LE(offset + 32);
    const localHeader = archive.readUInt32LE(offset + 42);
    const name = archive.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.push({
      name,
      compressedBytes,
      uncompressedBytes,
      read: () => readEntry(archive, localHeader, method, compressedBytes, name),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEndOfCentralDirectory(archive: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  for (let offset = archive.length - 22; offset >= Math.max(0, archive.length - 65_557); offset -= 1) {
    if (archive.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  throw new ZipFormatError('not a zip archive (no end of central directory)');
}

function readEntry(
  archive: Buffer,
  localHeader: number,
  method: number,
  compressedBytes: number,
  name: string,
): Buffer {
  if (archive.readUInt32LE(localHeader) !== LOCAL_FILE_HEADER) {
    throw new ZipFormatError(`${name}: local file header is malformed`);
  }
  const start =
    localHeader + 30 + archive.readUInt16LE(localHeader + 26) + archive.readUInt16LE(localHeader + 28);
  const data = archive.subarray(start, start + compressedBytes);
  if (method === STORED) return Buffer.from(data);
  if (method === DEFLATED) return inflateRawSync(data);
  throw new ZipFormatError(`${name}: compression method ${method} is not supported`);
}
