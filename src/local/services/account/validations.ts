import { checkOperationInput } from '../../serviceModel/checkShape.js';
import { coralPath, coralValidationMessage, serializationMessage } from '../../serviceModel/coralMessages.js';
import { accountErrors } from './accountErrors.js';
import { ACCOUNT_MODEL } from './accountModel.js';
import type { AccountOperation } from './accountOperations.js';

/**
 * Checks a request against the operation's input shape in the vendored Account Management model
 * before any action runs. The API answers ValidationException with `reason`
 * `fieldValidationFailed` and a `fieldList` naming each field (the model's ValidationException
 * and ValidationExceptionField shapes), its message worded as Coral words constraint failures,
 * every broken constraint listed. A value of the wrong JSON type is refused the same way, the
 * field named with what it should have been (the model gives this restJson1 API no
 * SerializationException).
 */
export function validateAccountInput(
  operation: AccountOperation,
  input: Readonly<Record<string, unknown>>,
): void {
  const check = checkOperationInput(ACCOUNT_MODEL, operation, input);
  if (check.typeMismatch !== undefined) {
    const field = coralPath(check.typeMismatch.path);
    throw accountErrors.invalidFields([{ name: field, message: serializationMessage(check.typeMismatch) }]);
  }
  if (check.violations.length > 0) {
    throw accountErrors.invalidFields(
      check.violations.map((violation) => ({
        name: coralPath(violation.path),
        message: coralValidationMessage([violation]),
      })),
      coralValidationMessage(check.violations),
    );
  }
}
