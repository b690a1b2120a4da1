import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readZipEntries, ZipFormatError } from '../../../bench/zipArchive.js';

/** A zip archive written by hand: one local header + data per file, the central directory, its end record. */
function zip(files: readonly { name: string; content: string; deflate: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name);
    const raw = Buffer.from(file.content);
    const data = file.deflate ? deflateRawSync(raw) : raw;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(file.deflate ? 8 : 0, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(file.deflate ? 8 : 0, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('Function: readZipEntries', () => {
  it('lists every entry with its sizes and reads stored and deflated content', () => {
    // Prepare
    const handler = 'export const handler = async () => 1;\n'.repeat(20);
    const archive = zip([
      { name: 'copy-policy.yml', content: 'version: 1\n', deflate: false },
      { name: 'src/handlers/copyWorker.mjs', content: handler, deflate: true },
    ]);

    // Act
    const entries = readZipEntries(archive);

    // Assess
    expect(entries.map((entry) => [entry.name, entry.uncompressedBytes])).toStrictEqual([
      ['copy-policy.yml', 11],
      ['src/handlers/copyWorker.mjs', handler.length],
    ]);
    expect(entries[1]?.compressedBytes).toBeLessThan(handler.length);
    expect(entries[0]?.read().toString()).toBe('version: 1\n');
    expect(entries[1]?.read().toString()).toBe(handler);
  });

  it('throws on a buffer that is not a zip archive', () => {
    // Act & Assess
    expect(() => readZipEntries(Buffer.from('not a zip archive at all, just some text'))).toThrow(
      ZipFormatError,
    );
  });
});
