import type { RedshiftServerlessAction } from './action.js';
import { createNamespace } from './actions/createNamespace.js';
import { createSnapshotCopyConfiguration } from './actions/createSnapshotCopyConfiguration.js';
import { deleteNamespace } from './actions/deleteNamespace.js';
import { deleteSnapshotCopyConfiguration } from './actions/deleteSnapshotCopyConfiguration.js';
import { getNamespace } from './actions/getNamespace.js';
import { listNamespaces } from './actions/listNamespaces.js';
import { listSnapshotCopyConfigurations } from './actions/listSnapshotCopyConfigurations.js';
import { listTagsForResource } from './actions/listTagsForResource.js';
import { tagResource } from './actions/tagResource.js';
import { untagResource } from './actions/untagResource.js';
import { updateNamespace } from './actions/updateNamespace.js';
import { updateSnapshotCopyConfiguration } from './actions/updateSnapshotCopyConfiguration.js';
import { type OperationRules, VALIDATIONS } from './validations.js';

export interface Operation {
  readonly action: RedshiftServerlessAction;
  readonly rules: OperationRules;
  /**
   * Write calls reach EventBridge as CloudTrail management events; read-only calls do not
   * (EventBridge never receives read-only CloudTrail events).
   */
  readonly write: boolean;
}

function operation(name: string, action: RedshiftServerlessAction, write: boolean): Operation {
  const rules = VALIDATIONS[name];
  if (rules === undefined) throw new Error(`No validation table for ${name}`);
  return { action, rules, write };
}

/** Every operation the local Redshift Serverless answers; anything else is UnknownOperationException. */
export const OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateNamespace: operation('CreateNamespace', createNamespace, true),
  GetNamespace: operation('GetNamespace', getNamespace, false),
  ListNamespaces: operation('ListNamespaces', listNamespaces, false),
  DeleteNamespace: operation('DeleteNamespace', deleteNamespace, true),
  UpdateNamespace: operation('UpdateNamespace', updateNamespace, true),
  TagResource: operation('TagResource', tagResource, true),
  UntagResource: operation('UntagResource', untagResource, true),
  ListTagsForResource: operation('ListTagsForResource', listTagsForResource, false),
  CreateSnapshotCopyConfiguration: operation(
    'CreateSnapshotCopyConfiguration',
    createSnapshotCopyConfiguration,
    true,
  ),
  ListSnapshotCopyConfigurations: operation(
    'ListSnapshotCopyConfigurations',
    listSnapshotCopyConfigurations,
    false,
  ),
  UpdateSnapshotCopyConfiguration: operation(
    'UpdateSnapshotCopyConfiguration',
    updateSnapshotCopyConfiguration,
    true,
  ),
  DeleteSnapshotCopyConfiguration: operation(
    'DeleteSnapshotCopyConfiguration',
    deleteSnapshotCopyConfiguration,
    true,
  ),
};
