import type { ChangeOutcome, EnsureOutcome } from '../domain/outcome.js';
import { planCopyConfiguration } from '../domain/planCopyConfiguration.js';
import type { CopyTarget, ExistingConfigurationMode } from '../domain/policy/types.js';
import { type CopyConfigurationPort, settingsOf } from './ensureCopyConfiguration.js';

export interface ReportRequest {
  readonly namespaceName: string;
  readonly target: CopyTarget;
  readonly onExisting: ExistingConfigurationMode;
}

/**
 * For a rule with `onDeleted: report`: looks at the namespace's configuration after someone
 * deleted or changed it, and writes nothing. Still as the policy wants it (the change was the
 * worker's own, or someone already put it back): already-configured. Otherwise:
 * deletion-reported, with what is there and what the policy wants, for a person (or the next
 * sweep) to act on.
 */
export async function reportConfigurationChange(
  port: Pick<CopyConfigurationPort, 'listCopyConfigurations'>,
  request: ReportRequest,
): Promise<EnsureOutcome | ChangeOutcome> {
  const existing = await port.listCopyConfigurations(request.namespaceName);
  const action = planCopyConfiguration(existing, request);
  if (action.kind === 'none' || action.kind === 'keep') {
    return {
      kind: 'already-configured',
      configurationId: action.existing.id,
      destination: action.existing.destinationRegion,
      ...(action.kind === 'keep' ? { keptRetentionDays: action.existing.retentionDays } : {}),
    };
  }
  const desired = settingsOf(request.target);
  if (action.kind === 'create') return { kind: 'deletion-reported', desired };
  const found = action.existing;
  return {
    kind: 'deletion-reported',
    desired,
    existing: {
      configurationId: found.id,
      ...settingsOf({ ...found, region: found.destinationRegion }),
    },
  };
}
