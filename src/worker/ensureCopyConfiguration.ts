import type { CopyConfiguration } from '../domain/copyConfiguration.js';
import type { EnsureOutcome } from '../domain/outcome.js';
import { planCopyConfiguration } from '../domain/planCopyConfiguration.js';
import type { CopyTarget, ExistingConfigurationMode } from '../domain/policy/types.js';

/** The part of the Redshift Serverless adapter that ensuring needs. */
export interface CopyConfigurationPort {
  listCopyConfigurations(namespaceName: string): Promise<CopyConfiguration[]>;
  createCopyConfiguration(namespaceName: string, target: CopyTarget): Promise<CopyConfiguration>;
  updateRetention(configurationId: string, retentionDays: number): Promise<CopyConfiguration>;
}

export interface EnsureRequest {
  readonly namespaceName: string;
  readonly target: CopyTarget;
  readonly onExisting: ExistingConfigurationMode;
}

/** A configuration's settings in the outcomes' shape (no `kmsKeyId` key for an AWS-owned key). */
export function settingsOf(c: { region: string; kmsKeyId?: string; retentionDays: number }) {
  return {
    region: c.region,
    ...(c.kmsKeyId === undefined ? {} : { kmsKeyId: c.kmsKeyId }),
    retentionDays: c.retentionDays,
  };
}

/**
 * Makes a namespace's copy configuration what the policy wants: List first, then create,
 * update the retention, or report drift. Writes nothing when the configuration already matches,
 * so running it again (a new request, a sweep) costs one List.
 */
export async function ensureCopyConfiguration(
  port: CopyConfigurationPort,
  request: EnsureRequest,
): Promise<EnsureOutcome> {
  const existing = await port.listCopyConfigurations(request.namespaceName);
  const action = planCopyConfiguration(existing, request);
  switch (action.kind) {
    case 'create': {
      const created = await port.createCopyConfiguration(request.namespaceName, action.target);
      return { kind: 'protected', configurationId: created.id, destination: created.destinationRegion };
    }
    case 'none':
      return {
        kind: 'already-configured',
        configurationId: action.existing.id,
        destination: action.existing.destinationRegion,
      };
    case 'keep':
      return {
        kind: 'already-configured',
        configurationId: action.existing.id,
        destination: action.existing.destinationRegion,
        keptRetentionDays: action.existing.retentionDays,
      };
    case 'update-retention': {
      const updated = await port.updateRetention(action.existing.id, action.retentionDays);
      return {
        kind: 'retention-updated',
        configurationId: updated.id,
        fromDays: action.existing.retentionDays,
        toDays: updated.retentionDays,
      };
    }
    case 'drift':
      return {
        kind: 'drift',
        drift: action.drift,
        configurationId: action.existing.id,
        existing: settingsOf({ ...action.existing, region: action.existing.destinationRegion }),
        desired: settingsOf(action.target),
      };
  }
}
