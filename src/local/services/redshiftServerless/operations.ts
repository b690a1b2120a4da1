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

export interface Operation {
  readonly action: RedshiftServerlessAction;
  /**
   * Write calls reach EventBridge as CloudTrail management events; read-only calls do not
   * (EventBridge never receives read-only CloudTrail events).
   */
  readonly write: boolean;
}

function operation(action: RedshiftServerlessAction, write: boolean): Operation {
  return { action, write };
}

/**
 * Every operation the local Redshift Serverless answers, by the name the service model gives it
 * (its input is checked against that model first: validateRequest.ts); anything else is
 * UnknownOperationException. The vendored model is trimmed to exactly these operations.
 */
export const OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateNamespace: operation(createNamespace, true),
  GetNamespace: operation(getNamespace, false),
  ListNamespaces: operation(listNamespaces, false),
  DeleteNamespace: operation(deleteNamespace, true),
  UpdateNamespace: operation(updateNamespace, true),
  TagResource: operation(tagResource, true),
  UntagResource: operation(untagResource, true),
  ListTagsForResource: operation(listTagsForResource, false),
  CreateSnapshotCopyConfiguration: operation(createSnapshotCopyConfiguration, true),
  ListSnapshotCopyConfigurations: operation(listSnapshotCopyConfigurations, false),
  UpdateSnapshotCopyConfiguration: operation(updateSnapshotCopyConfiguration, true),
  DeleteSnapshotCopyConfiguration: operation(deleteSnapshotCopyConfiguration, true),
};
