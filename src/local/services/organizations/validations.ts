import { AwsServiceError } from '../../protocol/serviceError.js';
import { checkOperationInput } from '../../serviceModel/checkShape.js';
import type { PathSegment, Violation } from '../../serviceModel/constraints.js';
import { serializationMessage } from '../../serviceModel/coralMessages.js';
import { organizationsErrors } from './organizationsErrors.js';
import { ORGANIZATIONS_MODEL } from './organizationsModel.js';
import type { OrganizationsOperation } from './organizationsOperations.js';

/** The parameter a path names, as Organizations' messages name it (`ParentId`). */
function parameterName(path: readonly PathSegment[]): string {
  return path
    .map((segment) =>
      'member' in segment ? segment.member : 'index' in segment ? segment.index + 1 : segment.key,
    )
    .join('.');
}

/**
 * The InvalidInputException Organizations answers for one broken model constraint. Organizations
 * does not list Coral's "validation errors detected"; it names the broken limit in `Reason` (the
 * InvalidInputExceptionReason enum of its model, whose documentation describes each reason) with
 * a fixed message: "You provided a value that does not match the required pattern." is what AWS
 * answers for a pattern (seen in boto/boto3#4565 and others); the length and enum messages are the
 * reason's documented description; the required and numeric-bound messages name the parameter.
 */
function invalidInput(violation: Violation): AwsServiceError {
  const { constraint } = violation;
  const name = parameterName(violation.path);
  switch (constraint.kind) {
    case 'required':
      return organizationsErrors.invalidInput('INPUT_REQUIRED', `You must specify a value for ${name}.`);
    case 'pattern':
      return organizationsErrors.invalidInput(
        'INVALID_PATTERN',
        'You provided a value that does not match the required pattern.',
      );
    case 'maxLength':
      return organizationsErrors.invalidInput(
        'MAX_LENGTH_EXCEEDED',
        'You provided a string parameter that is longer than allowed.',
      );
    case 'minLength':
      return organizationsErrors.invalidInput(
        'MIN_LENGTH_EXCEEDED',
        'You provided a string parameter that is shorter than allowed.',
      );
    case 'minValue':
      return organizationsErrors.invalidInput(
        'MIN_VALUE_EXCEEDED',
        `You provided a value for ${name} that is below the minimum of ${constraint.limit}.`,
      );
    case 'maxValue':
      return organizationsErrors.invalidInput(
        'MAX_VALUE_EXCEEDED',
        `You provided a value for ${name} that exceeds the maximum of ${constraint.limit}.`,
      );
    default:
      return organizationsErrors.invalidInput('INVALID_ENUM', 'You specified an invalid value.');
  }
}

/**
 * Checks a request against the operation's input shape in the vendored Organizations model before
 * any action runs: a value of the wrong JSON type is a SerializationException, as the Coral
 * front end of awsJson services answers it; the first broken constraint is an
 * InvalidInputException with its Reason (above).
 */
export function validateOrganizationsInput(
  operation: OrganizationsOperation,
  input: Readonly<Record<string, unknown>>,
): void {
  const check = checkOperationInput(ORGANIZATIONS_MODEL, operation, input);
  if (check.typeMismatch !== undefined) {
    throw new AwsServiceError('SerializationException', serializationMessage(check.typeMismatch));
  }
  const [first] = check.violations;
  if (first !== undefined) throw invalidInput(first);
}
