import { AwsServiceError } from '../../protocol/serviceError.js';

/** One field a ValidationException names (the model's ValidationExceptionField). */
export interface InvalidField {
  readonly name: string;
  readonly message: string;
}

/** Errors of the Account Management API (restJson1: code in `x-amzn-ErrorType`, `message` in the body). */
export const accountErrors = {
  /**
   * Constraints broken on one or more fields, with the `reason` and `fieldList` the API's
   * ValidationException carries; the message is the one field's unless given.
   */
  invalidFields: (fields: readonly InvalidField[], message = fields[0]?.message ?? ''): AwsServiceError =>
    new AwsServiceError('ValidationException', message, {
      details: { reason: 'fieldValidationFailed', fieldList: fields },
    }),
  /** A constraint on one field (one the model cannot state). */
  invalidField: (field: string, message: string): AwsServiceError =>
    accountErrors.invalidFields([{ name: field, message }]),
  accessDenied: (message: string): AwsServiceError =>
    new AwsServiceError('AccessDeniedException', message, { statusCode: 403 }),
} as const;
