import { AwsServiceError } from '../protocol/serviceError.js';
import { checkOperationInput } from './checkShape.js';
import type { Violation } from './constraints.js';
import { coralValidationMessage, serializationMessage } from './coralMessages.js';
import type { ServiceModel } from './types.js';

/**
 * Checks a request against the operation's input shape in a vendored model, the way the Coral
 * front end of Redshift Serverless and EventBridge does before any action runs: a value of the
 * wrong JSON type is a SerializationException; every broken constraint (required, length, range,
 * pattern, enum, list and map sizes, at any depth, e.g. `targets.1.member.id`), and every
 * `documented` one the service adds for what its model cannot say, is listed in one
 * ValidationException (HTTP 400 both).
 */
export function validateModelInput(
  model: ServiceModel,
  operation: string,
  input: Record<string, unknown>,
  documented: readonly Violation[] = [],
): void {
  const check = checkOperationInput(model, operation, input);
  if (check.typeMismatch !== undefined) {
    throw new AwsServiceError('SerializationException', serializationMessage(check.typeMismatch));
  }
  const violations = [...check.violations, ...documented];
  if (violations.length > 0) {
    throw new AwsServiceError('ValidationException', coralValidationMessage(violations));
  }
}
