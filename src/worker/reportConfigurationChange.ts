import { copySettingsOf } from '../domain/copyConfiguration.js';
import type { ChangeOutcome, EnsureOutcome } from '../domain/outcome.js';
import { planCopyConfiguration } from '../domain/planCopyConfiguration.js';
import {
  alreadyConfigured,
  type CopyConfigurationPort,
  type EnsureRequest,
} from './ensureCopyConfiguration.js';

/**
 * For a rule with `onDeleted: report`: looks at the namespace's configuration after someone
 * deleted or changed it, and writes nothing. Still as the policy wants it (the change was the
 * worker's own, or someone already put it back): already-configured. Otherwise:
 * deletion-reported, with what is there and what the policy wants, for a person (or the next
 * sweep) to act on.
 */
export async function reportConfigurationChange(
  port: Pick<CopyConfigurationPort, 'listCopyConfigurations'>,
  request: EnsureRequest,
): Promise<EnsureOutcome | ChangeOutcome> {
  const { desired } = request;
  const existing = await port.listCopyConfigurations(request.namespaceName);
  const action = planCopyConfiguration(existing, request);
  if (action.kind === 'none' || action.kind === 'keep') return alreadyConfigured(action, desired);
  if (action.kind === 'create') return { kind: 'deletion-reported', desired };
  const found = action.existing;
  return {
    kind: 'deletion-reported',
    desired,
    existing: { configurationId: found.id, ...copySettingsOf(found) },
  };
}
