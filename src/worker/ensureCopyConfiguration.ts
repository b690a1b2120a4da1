import { type CopyConfiguration, type CopySettings, copySettingsOf } from '../domain/copyConfiguration.js';
import type { EnsureOutcome } from '../domain/outcome.js';
import {
  type CopyConfigurationAction,
  type CopyPlanInput,
  planCopyConfiguration,
} from '../domain/planCopyConfiguration.js';

/** The part of the Redshift Serverless adapter that ensuring needs. */
export interface CopyConfigurationPort {
  listCopyConfigurations(namespaceName: string): Promise<CopyConfiguration[]>;
  createCopyConfiguration(namespaceName: string, desired: CopySettings): Promise<CopyConfiguration>;
  updateRetention(configurationId: string, retentionDays: number): Promise<CopyConfiguration>;
}

/** A namespace and what the policy wants for it: the copy, and what to do with one that differs. */
export interface EnsureRequest extends CopyPlanInput {
  readonly namespaceName: string;
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
  const { desired } = request;
  const existing = await port.listCopyConfigurations(request.namespaceName);
  const action = planCopyConfiguration(existing, request);
  switch (action.kind) {
    case 'create': {
      const created = await port.createCopyConfiguration(request.namespaceName, desired);
      return { kind: 'protected', configurationId: created.id, desired };
    }
    case 'none':
    case 'keep':
      return alreadyConfigured(action, desired);
    case 'update-retention': {
      const updated = await port.updateRetention(action.existing.id, desired.retentionDays);
      return {
        kind: 'retention-updated',
        configurationId: updated.id,
        desired,
        fromDays: action.existing.retentionDays,
        toDays: updated.retentionDays,
      };
    }
    case 'drift':
      return {
        kind: 'drift',
        drift: action.drift,
        configurationId: action.existing.id,
        existing: copySettingsOf(action.existing),
        desired,
      };
  }
}

/**
 * A configuration the policy accepts as it is (the one it wants, or another retention that
 * `onExisting: keep` keeps): nothing to write. What ensuring and reporting a change both answer.
 */
export function alreadyConfigured(
  action: Extract<CopyConfigurationAction, { kind: 'none' | 'keep' }>,
  desired: CopySettings,
): EnsureOutcome {
  return {
    kind: 'already-configured',
    configurationId: action.existing.id,
    desired,
    keptRetentionDays: action.kind === 'keep' ? action.existing.retentionDays : undefined,
  };
}
