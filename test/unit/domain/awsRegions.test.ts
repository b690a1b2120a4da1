import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  AWS_REGIONS,
  AwsPartition,
  dnsSuffixOf,
  isAwsRegion,
  partitionOf,
} from '../../../src/domain/awsRegions.js';

describe('Function: partitionOf', () => {
  it.each([
    ['us-east-1', AwsPartition.Aws],
    ['ap-southeast-7', AwsPartition.Aws],
    ['cn-northwest-1', AwsPartition.China],
    ['us-gov-west-1', AwsPartition.GovCloud],
  ])('returns the partition of %s', (region, partition) => {
    // Act & Assess
    expect(partitionOf(region)).toBe(partition);
  });

  it('returns undefined for a region it does not know, including inherited property names', () => {
    // Act & Assess
    expect(partitionOf('us-west-9')).toBeUndefined();
    expect(isAwsRegion('constructor')).toBe(false);
    expect(isAwsRegion('toString')).toBe(false);
  });
});

describe('Function: partitionOf with the by-prefix fallback', () => {
  it.each([
    ['us-east-1', AwsPartition.Aws],
    ['xx-future-9', AwsPartition.Aws],
    ['cn-south-7', AwsPartition.China],
    ['us-gov-central-3', AwsPartition.GovCloud],
    ['eusc-fr-south-2', AwsPartition.EuropeanSovereignCloud],
    ['us-iso-north-3', AwsPartition.Iso],
    ['us-isob-south-2', AwsPartition.IsoB],
    ['eu-isoe-east-2', AwsPartition.IsoE],
    ['us-isof-west-2', AwsPartition.IsoF],
  ])('returns a partition for %s, known or not', (region, partition) => {
    // Act & Assess
    expect(partitionOf(region, 'by-prefix')).toBe(partition);
  });
});

/**
 * AWS's own region data, as the SDK resolves endpoints with it (@aws-sdk/core's partitions,
 * pinned by package-lock.json). The file is read where the package keeps it: when an SDK update
 * moves it, this fails loudly rather than checking nothing.
 */
interface SdkPartition {
  readonly id: string;
  readonly outputs: { readonly dnsSuffix: string };
  readonly regions: Readonly<Record<string, unknown>>;
}
async function sdkPartitions(): Promise<readonly SdkPartition[]> {
  const sdkDir = dirname(createRequire(import.meta.url).resolve('@aws-sdk/core/package.json'));
  const file = join(sdkDir, 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js');
  const module = (await import(pathToFileURL(file).href)) as {
    partitionsInfo: { partitions: SdkPartition[] };
  };
  return module.partitionsInfo.partitions;
}
/** The SDK lists each partition's global endpoint as a region too (`aws-global`, `aws-cn-global`). */
const isGlobalEndpoint = (region: string) => region.startsWith('aws-');

describe('Constant: AWS_REGIONS, against the SDK’s partition data', () => {
  it('holds every region the SDK knows, each in the SDK’s partition, and no other', async () => {
    // Prepare
    const partitions = await sdkPartitions();

    // Act
    const sdk = partitions.flatMap((partition) =>
      Object.keys(partition.regions)
        .filter((region) => !isGlobalEndpoint(region))
        .map((region) => [region, partition.id]),
    );

    // Assess
    const sorted = (entries: string[][]) =>
      [...entries].sort(([a], [b]) => String(a).localeCompare(String(b)));
    expect(sorted(Object.entries(AWS_REGIONS))).toEqual(sorted(sdk));
  });

  it('gives each partition the endpoint domain the SDK gives it', async () => {
    // Prepare
    const partitions = await sdkPartitions();

    // Act & Assess
    for (const partition of partitions) expect(dnsSuffixOf(partition.id)).toBe(partition.outputs.dnsSuffix);
  });

  it('places by prefix every region the SDK knows, as the table does', async () => {
    // Prepare
    const regions = (await sdkPartitions()).flatMap((partition) =>
      Object.keys(partition.regions).filter((region) => !isGlobalEndpoint(region)),
    );

    // Act
    const misplaced = regions.filter((region) => {
      const unknownLater = `${region.replace(/-\d+$/, '')}-9`;
      return partitionOf(unknownLater, 'by-prefix') !== partitionOf(region);
    });

    // Assess
    expect(misplaced).toEqual([]);
  });
});
