import type { SQSClient } from '@aws-sdk/client-sqs';
import { QueueNotFoundError, queueUrlByName } from '../aws/queueLookup.js';
import { QUEUE_URL_PATTERN } from '../domain/identifiers.js';
import type { OptionsConfig } from './command.js';
import { UsageError } from './errors.js';

/** `service:` in serverless.yml; the stack, and every queue name, starts with it. */
export const SERVICE_NAME = 'copy-autopilot';
export const DEFAULT_STAGE = 'dev';

/** How the dlq commands find the queues serverless.yml deployed. */
export const queueOptions = {
  queue: { type: 'string' },
  stage: { type: 'string', default: DEFAULT_STAGE },
  'stack-name': { type: 'string' },
} as const satisfies OptionsConfig;

export const QUEUE_OPTIONS_USAGE =
  '  --queue URL       the dead-letter queue (URL or name); overrides the two below\n' +
  `  --stage S         the deployed stage (default: ${DEFAULT_STAGE}): queue ${SERVICE_NAME}-S-requests-dlq\n` +
  `  --stack-name N    the stack (${SERVICE_NAME}-<stage>): queue N-requests-dlq`;

/** serverless.yml's names: `${service}-${stage}-requests` and `${service}-${stage}-requests-dlq`. */
export function queueNames(values: Readonly<Record<string, unknown>>): {
  readonly requests: string;
  readonly deadLetter: string;
} {
  const stack =
    typeof values['stack-name'] === 'string' && values['stack-name'] !== ''
      ? values['stack-name']
      : `${SERVICE_NAME}-${typeof values.stage === 'string' && values.stage !== '' ? values.stage : DEFAULT_STAGE}`;
  return { requests: `${stack}-requests`, deadLetter: `${stack}-requests-dlq` };
}

/** The dead-letter queue's URL: `--queue` as given (a URL, or a name to look up), else by the stack's naming. */
export async function resolveDeadLetterQueueUrl(
  sqs: SQSClient,
  values: Readonly<Record<string, unknown>>,
): Promise<string> {
  const given = typeof values.queue === 'string' && values.queue !== '' ? values.queue : undefined;
  if (given !== undefined && QUEUE_URL_PATTERN.test(given)) return given;
  const name = given ?? queueNames(values).deadLetter;
  try {
    return await queueUrlByName(sqs, name);
  } catch (error) {
    if (error instanceof QueueNotFoundError) {
      throw new UsageError(
        `${error.message} in this account and region`,
        'pass --queue URL, or the --stage / --stack-name it was deployed with, and --region',
      );
    }
    throw error;
  }
}
