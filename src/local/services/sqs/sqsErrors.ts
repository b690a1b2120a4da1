import { AwsServiceError } from '../../protocol/serviceError.js';

/**
 * The SQS errors the local service raises, quoted from the SQS model (`awsQueryError` traits of
 * @aws-sdk/client-sqs) and the SQS API reference. `code` is the JSON-protocol shape name (what
 * follows `com.amazonaws.sqs#` in `__type`); `queryCode` is the query-protocol `<Code>` that AWS
 * also sends in the `x-amzn-query-error` header, which the SDK uses to pick the error class.
 * The edge server (protocol/jsonProtocol.ts) adds the `com.amazonaws.sqs#` namespace.
 */
function sqsError(code: string, queryCode: string, message: string, statusCode = 400): AwsServiceError {
  return new AwsServiceError(code, message, { statusCode, queryCode, senderFault: statusCode < 500 });
}

export const sqsErrors = {
  /** JSON and query protocols word this one differently; AWS keeps the old "wsdl" text in XML. */
  queueDoesNotExist: (protocol: 'json' | 'query' = 'json') =>
    sqsError(
      'QueueDoesNotExist',
      'AWS.SimpleQueueService.NonExistentQueue',
      protocol === 'query'
        ? 'The specified queue does not exist for this wsdl version.'
        : 'The specified queue does not exist.',
    ),
  queueNameExists: (attribute: string) =>
    sqsError(
      'QueueNameExists',
      'QueueAlreadyExists',
      `A queue already exists with the same name and a different value for attribute ${attribute}`,
    ),
  invalidParameterValue: (message: string) =>
    sqsError('InvalidParameterValue', 'InvalidParameterValue', message),
  missingParameter: (name: string) =>
    sqsError('MissingParameter', 'MissingParameter', `The request must contain the parameter ${name}.`),
  invalidAttributeName: (name: string) =>
    sqsError('InvalidAttributeName', 'InvalidAttributeName', `Unknown Attribute ${name}.`),
  invalidAttributeValue: (name: string, reason?: string) =>
    sqsError(
      'InvalidAttributeValue',
      'InvalidAttributeValue',
      reason === undefined
        ? `Invalid value for the parameter ${name}.`
        : `Invalid value for the parameter ${name}. Reason: ${reason}`,
    ),
  receiptHandleIsInvalid: (handle: string) =>
    sqsError(
      'ReceiptHandleIsInvalid',
      'ReceiptHandleIsInvalid',
      `The input receipt handle "${handle}" is not a valid receipt handle.`,
      404,
    ),
  messageNotInflight: () =>
    sqsError(
      'MessageNotInflight',
      'AWS.SimpleQueueService.MessageNotInflight',
      'The specified message isn\u2019t in flight.',
    ),
  messageNotAvailableForVisibilityChange: (handle: string) =>
    sqsError(
      'InvalidParameterValue',
      'InvalidParameterValue',
      `Value ${handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
    ),
  emptyBatchRequest: (entryName: string) =>
    sqsError(
      'EmptyBatchRequest',
      'AWS.SimpleQueueService.EmptyBatchRequest',
      `There should be at least one ${entryName} in the request.`,
    ),
  tooManyEntriesInBatchRequest: (count: number) =>
    sqsError(
      'TooManyEntriesInBatchRequest',
      'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are 10. You have sent ${count}.`,
    ),
  batchEntryIdsNotDistinct: (id: string) =>
    sqsError(
      'BatchEntryIdsNotDistinct',
      'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
      `Id ${id} repeated.`,
    ),
  invalidBatchEntryId: () =>
    sqsError(
      'InvalidBatchEntryId',
      'AWS.SimpleQueueService.InvalidBatchEntryId',
      'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
    ),
  batchRequestTooLong: (limit: number, sent: number) =>
    sqsError(
      'BatchRequestTooLong',
      'AWS.SimpleQueueService.BatchRequestTooLong',
      `Batch requests cannot be longer than ${limit} bytes. You have sent ${sent} bytes.`,
    ),
  invalidMessageContents: () =>
    sqsError(
      'InvalidMessageContents',
      'InvalidMessageContents',
      'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
    ),
  resourceNotFound: (message: string) =>
    sqsError('ResourceNotFoundException', 'ResourceNotFoundException', message, 404),
  unsupportedOperation: (message: string) =>
    sqsError('UnsupportedOperation', 'AWS.SimpleQueueService.UnsupportedOperation', message),
  invalidAction: (action: string) =>
    sqsError('InvalidAction', 'InvalidAction', `The action ${action} is not valid for this web service.`),
} as const;
