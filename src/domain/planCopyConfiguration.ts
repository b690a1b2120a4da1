import { type CopyConfiguration, type CopySettings, normalizeKmsKeyId } from './copyConfiguration.js';
import type { ExistingConfigurationMode } from './policy/types.js';

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
  | { readonly kind: 'create'; readonly desired: CopySettings }
  | { readonly kind: 'none'; readonly existing: CopyConfiguration }
  /** Set the existing configuration's retention to the desired one's (onExisting: update). */
  | {
      readonly kind: 'update-retention';
      readonly existing: CopyConfiguration;
      readonly desired: CopySettings;
    }
  | {
      readonly kind: 'drift';
      readonly drift: DriftKind;
      readonly existing: CopyConfiguration;
      readonly desired: CopySettings;
    }
  | { readonly kind: 'keep'; readonly existing: CopyConfiguration; readonly desired: CopySettings };

/** What planning needs of a policy decision: the copy it wants, and what to do with one that differs. */
export interface CopyPlanInput {
  readonly desired: CopySettings;
  readonly onExisting: ExistingConfigurationMode;
}

/**
 * Decides, from the configurations a namespace already has, how to reach the desired one.
 * Never plans a replacement: a configuration to another region or with another key is drift
 * for a person to look at, because deleting it would drop the copies it made.
 */
export function planCopyConfiguration(
  existing: readonly CopyConfiguration[],
  input: CopyPlanInput,
): CopyConfigurationAction {
  const { desired, onExisting } = input;
  const sameRegion = existing.find((c) => c.region === desired.region);
  if (sameRegion === undefined) {
    const elsewhere = existing[0];
    return elsewhere === undefined
      ? { kind: 'create', desired }
      : { kind: 'drift', drift: DriftKind.Region, existing: elsewhere, desired };
  }
  if (normalizeKmsKeyId(sameRegion.kmsKeyId) !== normalizeKmsKeyId(desired.kmsKeyId)) {
    return { kind: 'drift', drift: DriftKind.KmsKey, existing: sameRegion, desired };
  }
  if (sameRegion.retentionDays === desired.retentionDays) {
    return { kind: 'none', existing: sameRegion };
  }
  switch (onExisting) {
    case 'update':
      return { kind: 'update-retention', existing: sameRegion, desired };
    case 'report':
      return { kind: 'drift', drift: DriftKind.Retention, existing: sameRegion, desired };
    case 'keep':
      return { kind: 'keep', existing: sameRegion, desired };
  }
}
