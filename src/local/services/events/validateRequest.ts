import { AwsServiceError } from '../../protocol/serviceError.js';
import { checkOperationInput } from '../../serviceModel/checkShape.js';
import { coralValidationMessage, serializationMessage } from '../../serviceModel/coralMessages.js';
import { EVENT_BRIDGE_MODEL } from './eventBridgeModel.js';

/**
 * Checks a request against the operation's input shape in the vendored EventBridge model before
 * any action runs, as AWS's front end does: a value of the wrong JSON type is a
 * SerializationException; every broken constraint (required, length, range, pattern, enum, list
 * and map sizes, at any depth, e.g. `targets.1.member.id`) is listed in one ValidationException.
 * What the model cannot say (patterns that must parse, one input per target, entry-level
 * PutEvents errors, the 256 KB PutEvents limit) stays with the actions, each with its source.
 */
export function validateRequest(operation: string, input: Record<string, unknown>): void {
  const check = checkOperationInput(EVENT_BRIDGE_MODEL, operation, input);
  if (check.typeMismatch !== undefined) {
    throw new AwsServiceError('SerializationException', serializationMessage(check.typeMismatch));
  }
  if (check.violations.length > 0) {
    throw new AwsServiceError('ValidationException', coralValidationMessage(check.violations));
  }
}
