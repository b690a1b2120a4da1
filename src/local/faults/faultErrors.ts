/** An error a fault rule makes a call fail with, as the service would send it. */
export interface FaultErrorSpec {
  readonly code: string;
  readonly message: string;
  readonly statusCode: number;
}

/**
 * The errors a rule can name instead of spelling one out: the transient ones the copy worker
 * must survive (DESIGN.md section 4), with the status codes and messages AWS sends. The last
 * two are DynamoDB's spellings, for "the idempotency table is briefly failing".
 */
export const FAULT_ERRORS = {
  ConflictException: {
    code: 'ConflictException',
    message: 'There is an operation running on the namespace. Try again later.',
    statusCode: 400,
  },
  InternalServerException: {
    code: 'InternalServerException',
    message: 'The request processing has failed because of an unknown error, exception or failure.',
    statusCode: 500,
  },
  ThrottlingException: { code: 'ThrottlingException', message: 'Rate exceeded', statusCode: 400 },
  InternalServerError: { code: 'InternalServerError', message: 'Internal server error', statusCode: 500 },
  ProvisionedThroughputExceededException: {
    code: 'ProvisionedThroughputExceededException',
    message:
      'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
    statusCode: 400,
  },
} as const satisfies Record<string, FaultErrorSpec>;

export type FaultErrorName = keyof typeof FAULT_ERRORS;
