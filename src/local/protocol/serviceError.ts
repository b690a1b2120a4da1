import { LocalCloudError } from '../errors.js';

/**
 * An error as an AWS service returns it: a type (`__type` in JSON protocols, `Code` in query
 * XML), a message, and the HTTP status. Every local service throws these; the protocol layer
 * serialises them.
 */
export class AwsServiceError extends LocalCloudError {
  public readonly code: string;
  public readonly statusCode: number;
  /** SQS JSON errors also carry the query-protocol code (e.g. AWS.SimpleQueueService.NonExistentQueue). */
  public readonly queryCode?: string;
  /** Whether the query protocol marks it as the sender's fault (`<Type>Sender</Type>`). */
  public readonly senderFault: boolean;
  /** Members JSON protocols add to the error body besides the message (`Reason`, `fieldList`, …). */
  public readonly details?: Readonly<Record<string, unknown>>;

  public constructor(
    code: string,
    message: string,
    options: {
      statusCode?: number;
      queryCode?: string;
      senderFault?: boolean;
      details?: Readonly<Record<string, unknown>>;
    } = {},
  ) {
    super(message);
    this.name = 'AwsServiceError';
    this.code = code;
    this.statusCode = options.statusCode ?? 400;
    this.queryCode = options.queryCode;
    this.senderFault = options.senderFault ?? this.statusCode < 500;
    this.details = options.details;
  }
}
