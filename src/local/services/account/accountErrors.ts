import { AwsServiceError } from '../../protocol/serviceError.js';

/** Errors of the Account Management API (restJson1: code in `x-amzn-ErrorType`, `message` in the body). */
export const accountErrors = {
  /** A constraint on one field, with the `reason` and `fieldList` the API's ValidationException carries. */
  invalidField: (field: string, message: string): AwsServiceError =>
    new AwsServiceError('ValidationException', message, {
      details: { reason: 'fieldValidationFailed', fieldList: [{ name: field, message }] },
    }),
  accessDenied: (message: string): AwsServiceError =>
    new AwsServiceError('AccessDeniedException', message, { statusCode: 403 }),
} as const;
