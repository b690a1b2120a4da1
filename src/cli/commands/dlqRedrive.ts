import { SQSClient } from '@aws-sdk/client-sqs';
import { startMessageMoveTask, waitForMessageMoveTask } from '../../aws/messageMoveTask.js';
import { deadLetterSourceQueueUrls, describeQueue } from '../../aws/queueLookup.js';
import { AWS_OPTIONS_USAGE, awsClientConfig, awsOptions, outputFormat } from '../awsOptions.js';
import type { Command } from '../command.js';
import { UsageError } from '../errors.js';
import { QUEUE_OPTIONS_USAGE, queueOptions, resolveDeadLetterQueueUrl } from '../queueOptions.js';
import { sdkClientConfig } from '../sdkClientConfig.js';

const POLL_INTERVAL_MS = 2000;

/**
 * `copy-autopilot dlq redrive`: moves the dead letters back to the requests queue, once the
 * cause (a policy, a permission, a quota) is fixed, with an SQS message move task.
 */
export const dlqRedrive: Command = {
  path: ['dlq', 'redrive'],
  summary: 'move the dead letters back to the requests queue (an SQS move task)',
  usage: [
    'copy-autopilot dlq redrive [--queue URL | --stage S | --stack-name N] [--yes] [aws options]',
    '',
    'Starts an SQS message move task from the dead-letter queue to the queue whose RedrivePolicy',
    'points at it (the requests queue), waits until it completes and prints how many moved.',
    'Asks first unless --yes; without a terminal, --yes is required.',
    '',
    QUEUE_OPTIONS_USAGE,
    '  --yes             do not ask for confirmation',
    AWS_OPTIONS_USAGE,
  ].join('\n'),
  notOk: 'the move task did not complete, or you stopped waiting for it (it keeps running in SQS)',
  options: { ...awsOptions, ...queueOptions, yes: { type: 'boolean', default: false } },
  run: async ({ values }, { printer, env, confirm, interrupted }) => {
    const output = outputFormat(values);
    const sqs = new SQSClient(sdkClientConfig(awsClientConfig(values, env), env));
    try {
      const deadLetterQueue = await describeQueue(sqs, await resolveDeadLetterQueueUrl(sqs, values));
      const sources = await deadLetterSourceQueueUrls(sqs, deadLetterQueue.url);
      if (sources.length === 0) {
        throw new UsageError(
          `${deadLetterQueue.name} is not the dead-letter queue of any queue (no RedrivePolicy names it)`,
          'pass the dead-letter queue of the requests queue with --queue, or the right --stage',
        );
      }
      // The worker dead-letters records with SendMessage: such messages have no "original source"
      // for SQS to send them back to, so the destination is named whenever it is unambiguous.
      const destination = sources.length === 1 ? await describeQueue(sqs, sources[0] as string) : undefined;
      const to = destination?.name ?? 'the queue each message was dead-lettered from';

      if (values.yes !== true) {
        const question = `Move ~${deadLetterQueue.approximateMessages} message(s) from ${deadLetterQueue.name} back to ${to}?`;
        if (!(await confirm(question))) {
          throw new UsageError(
            'redrive not confirmed',
            'answer y at the prompt, or pass --yes (required without a terminal)',
          );
        }
      }

      await startMessageMoveTask(sqs, {
        sourceArn: deadLetterQueue.arn,
        destinationArn: destination?.arn,
      });
      printer.note(`moving messages from ${deadLetterQueue.name} to ${to}…`);
      const task = await waitForMessageMoveTask(sqs, deadLetterQueue.arn, {
        pollIntervalMs: POLL_INTERVAL_MS,
        stop: interrupted,
        onProgress: (running) =>
          printer.status(
            `moved ${running.moved}${running.toMove === undefined ? '' : ` of ~${running.toMove}`}`,
          ),
      });
      if (task === undefined) {
        printer.note(
          'stopped waiting; the move task keeps running in SQS (see `aws sqs list-message-move-tasks`)',
        );
        return 1;
      }
      const result = {
        status: task.status,
        moved: task.moved,
        from: deadLetterQueue.url,
        to: destination?.url ?? null,
        failureReason: task.failureReason,
      };
      if (output === 'json') printer.json(result);
      else if (task.status === 'COMPLETED')
        printer.line(`moved ${task.moved} message(s) from ${deadLetterQueue.name} to ${to}`);
      else
        printer.line(
          `move task ${task.status} after ${task.moved} message(s): ${task.failureReason ?? 'no reason given'}`,
        );
      return task.status === 'COMPLETED' ? 0 : 1;
    } finally {
      sqs.destroy();
    }
  },
};
