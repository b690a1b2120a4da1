import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { TemplateError } from '../errors.js';
import { physicalName, type ResourceApplier } from '../resourceApplier.js';

const QUEUE_ATTRIBUTES = [
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
] as const;

/** `AWS::SQS::Queue`: CreateQueue with the template's attributes; Ref is the queue URL. */
export const applyQueue: ResourceApplier = async (resource, stack) => {
  const name = physicalName(resource.properties.QueueName, resource, stack);
  const { sqs } = stack.clients;
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({ QueueName: name, Attributes: queueAttributes(resource.properties) }),
  );
  if (!QueueUrl) throw new TemplateError('CreateQueue returned no QueueUrl', resource.logicalId);
  const attributes = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  const arn = attributes.Attributes?.QueueArn ?? stack.arnOf('sqs', name);
  stack.deployment.queues[resource.logicalId] = { name, url: QueueUrl, arn };
  return { ref: QueueUrl, attributes: { Arn: arn, QueueName: name, QueueUrl } };
};

function queueAttributes(properties: Readonly<Record<string, unknown>>): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const name of QUEUE_ATTRIBUTES) {
    if (properties[name] !== undefined) attributes[name] = String(properties[name]);
  }
  // CloudFormation takes these policies as JSON objects; SQS wants them as strings.
  for (const name of ['RedrivePolicy', 'RedriveAllowPolicy'] as const) {
    const policy = properties[name];
    if (policy !== undefined) attributes[name] = typeof policy === 'string' ? policy : JSON.stringify(policy);
  }
  return attributes;
}
