import { AwsServiceError } from '../../protocol/serviceError.js';
import type { TypeMismatch, Violation } from '../../serviceModel/constraints.js';
import { coralValidationMessage, serializationMessage } from '../../serviceModel/coralMessages.js';

/** STS's query API version and XML namespace. */
export const STS_API_VERSION = '2011-06-15';
export const STS_XMLNS = `https://sts.amazonaws.com/doc/${STS_API_VERSION}/`;

/** Errors worded as STS words them (codes from the STS API reference). */
export const stsErrors = {
  /** One or more input constraints failed; STS lists them all in one message, worded as Coral words it. */
  validation: (problems: readonly Violation[]): AwsServiceError =>
    new AwsServiceError('ValidationError', coralValidationMessage(problems)),
  /** A parameter that does not parse as its model type (DurationSeconds=abc). */
  malformed: (mismatch: TypeMismatch): AwsServiceError =>
    new AwsServiceError('ValidationError', serializationMessage(mismatch)),
  invalidArn: (): AwsServiceError => new AwsServiceError('ValidationError', 'Request ARN is invalid'),
  durationOverRoleMaximum: (): AwsServiceError =>
    new AwsServiceError(
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    ),
  durationOverChainingLimit: (): AwsServiceError =>
    new AwsServiceError(
      'ValidationError',
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    ),
  /** What STS answers for a role that does not exist or does not trust the caller (HTTP 403). */
  accessDenied: (callerArn: string, roleArn: string): AwsServiceError =>
    new AwsServiceError(
      'AccessDenied',
      `User: ${callerArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      { statusCode: 403 },
    ),
  missingAction: (): AwsServiceError =>
    new AwsServiceError('MissingAction', 'The request must contain the parameter Action.'),
  invalidAction: (action: string): AwsServiceError =>
    new AwsServiceError('InvalidAction', `Could not find operation ${action} for version ${STS_API_VERSION}`),
} as const;
