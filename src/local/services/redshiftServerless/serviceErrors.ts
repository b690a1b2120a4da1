import { AwsServiceError } from '../../protocol/serviceError.js';

/**
 * The Redshift Serverless errors this service throws, with the HTTP status the service model
 * gives each (redshift-serverless 2021-04-21): the SDK maps `__type` to the error class, so only
 * the type and message have to be right.
 */
export const RedshiftServerlessErrorCode = {
  Conflict: 'ConflictException',
  ResourceNotFound: 'ResourceNotFoundException',
  Validation: 'ValidationException',
  TooManyTags: 'TooManyTagsException',
  InvalidPagination: 'InvalidPaginationException',
  Serialization: 'SerializationException',
  UnknownOperation: 'UnknownOperationException',
  InternalServer: 'InternalServerException',
  Throttling: 'ThrottlingException',
  AccessDenied: 'AccessDeniedException',
  ServiceQuotaExceeded: 'ServiceQuotaExceededException',
} as const;
export type RedshiftServerlessErrorCode =
  (typeof RedshiftServerlessErrorCode)[keyof typeof RedshiftServerlessErrorCode];

const STATUS_BY_CODE: Readonly<Record<RedshiftServerlessErrorCode, number>> = {
  ConflictException: 409,
  ResourceNotFoundException: 404,
  ValidationException: 400,
  TooManyTagsException: 400,
  InvalidPaginationException: 400,
  SerializationException: 400,
  UnknownOperationException: 400,
  InternalServerException: 500,
  ThrottlingException: 429,
  AccessDeniedException: 403,
  ServiceQuotaExceededException: 402,
};

/** An AwsServiceError with the model's HTTP status for `code`. */
export function redshiftError(code: RedshiftServerlessErrorCode, message: string): AwsServiceError {
  return new AwsServiceError(code, message, { statusCode: STATUS_BY_CODE[code] });
}

/** The message AWS gives when an operation is already running on the namespace (transient). */
export const NAMESPACE_BUSY_MESSAGE = 'There is an operation running on the namespace. Try again later.';
