import { applyTable } from './appliers/dynamoDbTable.js';
import { applyRule } from './appliers/eventsRule.js';
import { applyEventSourceMapping } from './appliers/lambdaEventSourceMapping.js';
import { applyFunction } from './appliers/lambdaFunction.js';
import { skipResource, skipRole, skipTopic } from './appliers/skippedResource.js';
import { applyQueue } from './appliers/sqsQueue.js';
import type { ResourceApplier } from './resourceApplier.js';

/**
 * The resource types of the templates the local cloud deploys (serverless.yml as osls packages
 * it, deploy/member-account.yml), each with the module that applies it. The first five have a
 * local equivalent; the rest are skipped (listed in the deployment, given a Ref and an Arn).
 */
export const RESOURCE_APPLIERS = {
  'AWS::SQS::Queue': applyQueue,
  'AWS::DynamoDB::Table': applyTable,
  'AWS::Lambda::Function': applyFunction,
  'AWS::Lambda::EventSourceMapping': applyEventSourceMapping,
  'AWS::Events::Rule': applyRule,
  // No local equivalent: the local cloud checks no queue, bus or topic policy and has no IAM.
  'AWS::SQS::QueuePolicy': skipResource,
  'AWS::Events::EventBusPolicy': skipResource,
  'AWS::IAM::Role': skipRole,
  'AWS::IAM::Policy': skipResource,
  'AWS::Lambda::Version': skipResource,
  'AWS::Lambda::Permission': skipResource,
  'AWS::Lambda::EventInvokeConfig': skipResource,
  'AWS::Logs::LogGroup': skipResource,
  'AWS::SNS::Topic': skipTopic,
  'AWS::SNS::TopicPolicy': skipResource,
  'AWS::SNS::Subscription': skipResource,
  'AWS::KMS::Key': skipResource,
  'AWS::KMS::Alias': skipResource,
  'AWS::CloudWatch::Alarm': skipResource,
  'AWS::CloudWatch::Dashboard': skipResource,
  'AWS::S3::Bucket': skipResource,
  'AWS::S3::BucketPolicy': skipResource,
} satisfies Record<string, ResourceApplier>;

export type ResourceType = keyof typeof RESOURCE_APPLIERS;

const isResourceType = (type: string): type is ResourceType => Object.hasOwn(RESOURCE_APPLIERS, type);

/** The applier of a type; a type this table does not know is skipped like the ones it lists as skipped. */
export function applierFor(type: string): ResourceApplier {
  return isResourceType(type) ? RESOURCE_APPLIERS[type] : skipResource;
}
