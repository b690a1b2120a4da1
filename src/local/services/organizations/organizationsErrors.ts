import { AwsServiceError } from '../../protocol/serviceError.js';

/** Errors worded as AWS Organizations words them (`Message`, and `Reason` for bad input). */
export const organizationsErrors = {
  notInUse: (): AwsServiceError =>
    new AwsServiceError(
      'AWSOrganizationsNotInUseException',
      'Your account is not a member of an organization.',
    ),
  /** A member account asking what only the management account may (no delegated administrators here). */
  accessDenied: (): AwsServiceError =>
    new AwsServiceError('AccessDeniedException', "You don't have permissions to access this resource."),
  parentNotFound: (): AwsServiceError =>
    new AwsServiceError('ParentNotFoundException', "You specified a parent that doesn't exist."),
  invalidInput: (reason: string, message: string): AwsServiceError =>
    new AwsServiceError('InvalidInputException', message, { details: { Reason: reason } }),
  invalidNextToken: (): AwsServiceError =>
    organizationsErrors.invalidInput(
      'INVALID_NEXT_TOKEN',
      'You specified an invalid value for nextToken. You must get the value from the response to a previous call to the API.',
    ),
  unknownOperation: (operation: string): AwsServiceError =>
    new AwsServiceError(
      'UnknownOperationException',
      `Operation ${operation} is not supported by the local AWS Organizations.`,
    ),
} as const;
