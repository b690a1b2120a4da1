import { type CopyConfiguration, normalizeKmsKeyId } from './copyConfiguration.js';
import type { CopyTarget, ExistingConfigurationMode } from './policy/types.js';

/** Why an existing configuration is left alone although it is not what the policy wants. */
export const DriftKind = {
  /** It copies to another region; a namespace copies to one region, so ours would replace it. */
  Region: 'region',
  /** Same region, other KMS key: AWS cannot change the key of a configuration. */
  KmsKey: 'kms-key',
  /** Same region and key, other retention, and the rule says `onExisting: report`. */
  Retention: 'retention',
} as const;
export type DriftKind = (typeof DriftKind)[keyof typeof DriftKind];

/** What the worker should do to make a namespace's copy configuration match the policy. */
export type CopyConfigurationAction =
  | { readonly kind: 'create'; readonly target: CopyTarget }
  | { readonly kind: 'none'; readonly existing: CopyConfiguration }
  | {
      readonly kind: 'update-retention';
      readonly existing: CopyConfiguration;
      readonly retentionDays: number;
    }
  | {
      readonly kind: 'drift';
      readonly drift: DriftKind;
      readonly existing: CopyConfiguration;
      readonly target: CopyTarget;
    }
  | { readonly kind: 'keep'; readonly existing: CopyConfiguration; readonly target: CopyTarget };

/** The part of a policy decision planning needs. */
export interface DesiredCopy {
  readonly target: CopyTarget;
  readonly onExisting: ExistingConfigurationMode;
}

/**
 * Decides, from the configurations a namespace already has, how to reach the desired one.
 * Never plans a replacement: a configuration to another region or with another key is drift
 * for a person to look at, because deleting it would drop the copies it made.
 */
export function planCopyConfiguration(
  existing: readonly CopyConfiguration[],
  desired: DesiredCopy,
): CopyConfigurationAction {
  const { target, onExisting } = desired;
  const sameRegion = existing.find((c) => c.destinationRegion === target.region);
  if (sameRegion === undefined) {
    const elsewhere = existing[0];
    return elsewhere === undefined
      ? { kind: 'create', target }
      : { kind: 'drift', drift: DriftKind.Region, existing: elsewhere, target };
  }
  if (normalizeKmsKeyId(sameRegion.kmsKeyId) !== normalizeKmsKeyId(target.kmsKeyId)) {
    return { kind: 'drift', drift: DriftKind.KmsKey, existing: sameRegion, target };
  }
  if (sameRegion.retentionDays === target.retentionDays) {
    return { kind: 'none', existing: sameRegion };
  }
  switch (onExisting) {
    case 'update':
      return { kind: 'update-retention', existing: sameRegion, retentionDays: target.retentionDays };
    case 'report':
      return { kind: 'drift', drift: DriftKind.Retention, existing: sameRegion, target };
    case 'keep':
      return { kind: 'keep', existing: sameRegion, target };
  }
}
