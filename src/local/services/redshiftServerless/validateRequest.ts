import type { Violation } from '../../serviceModel/constraints.js';
import { validateModelInput } from '../../serviceModel/validateModelInput.js';
import { REDSHIFT_SERVERLESS_MODEL } from './redshiftServerlessModel.js';

/**
 * Retention of copied snapshots: -1 (indefinitely, the default) or 1–3653 days, the range
 * Redshift documents for manual snapshots and their cross-region copies
 * (https://docs.aws.amazon.com/redshift/latest/APIReference/API_ClusterSnapshotCopyStatus.html,
 * ManualSnapshotRetentionPeriod; https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-snapshots-recovery-points.html).
 * The model types the member as a plain Integer, so the rule is stated here; its wording is ours,
 * in AWS's message format.
 */
const RETENTION_CONSTRAINT = 'Member must be -1 (retain indefinitely) or between 1 and 3653 days';

const RETENTION_MEMBERS: Readonly<Record<string, string>> = {
  CreateSnapshotCopyConfiguration: 'snapshotRetentionPeriod',
  UpdateSnapshotCopyConfiguration: 'snapshotRetentionPeriod',
};

function retentionViolations(operation: string, input: Record<string, unknown>): Violation[] {
  const member = RETENTION_MEMBERS[operation];
  const days = member === undefined ? undefined : input[member];
  if (member === undefined || typeof days !== 'number' || days === -1 || (days >= 1 && days <= 3653))
    return [];
  return [
    {
      path: [{ member }],
      value: days,
      sensitive: false,
      constraint: { kind: 'documented', text: RETENTION_CONSTRAINT },
    },
  ];
}

/**
 * Checks a request against the operation's input shape in the vendored model (amended where
 * AWS enforces more) plus the documented retention range, the way AWS's front end does before
 * any action runs (serviceModel/validateModelInput.ts).
 */
export function validateRequest(operation: string, input: Record<string, unknown>): void {
  validateModelInput(REDSHIFT_SERVERLESS_MODEL, operation, input, retentionViolations(operation, input));
}
