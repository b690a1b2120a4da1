import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { SQSClient } from '@aws-sdk/client-sqs';

/** One resource of a template, as written (before its intrinsic functions are resolved). */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Condition?: string;
}

/** A CloudFormation template as `osls package` writes it (or as a YAML template reads). */
export interface CloudFormationTemplate {
  readonly Parameters?: Record<string, { Default?: unknown }>;
  readonly Conditions?: Record<string, unknown>;
  readonly Resources: Record<string, TemplateResource>;
  readonly Outputs?: Record<string, { Value: unknown; Condition?: string }>;
}

export interface LocalFunction {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  /** `path/to/module.export`, relative to the service directory. */
  readonly handler: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
}

export interface LocalEventSourceMapping {
  readonly functionName: string;
  readonly queueArn: string;
  readonly queueUrl: string;
  readonly batchSize: number;
  readonly maximumBatchingWindowSeconds: number;
  readonly reportBatchItemFailures: boolean;
  readonly maximumConcurrency: number;
}

export interface LocalSchedule {
  readonly ruleName: string;
  readonly functionName: string;
  readonly expression: string;
  readonly input?: string;
}

/** What applying a template left on the local cloud, for the Lambda runner and the report. */
export interface LocalDeployment {
  readonly queues: Record<string, { name: string; url: string; arn: string }>;
  readonly rules: string[];
  readonly tables: string[];
  readonly functions: Record<string, LocalFunction>;
  readonly eventSourceMappings: LocalEventSourceMapping[];
  readonly schedules: LocalSchedule[];
  /** Resources with no local equivalent (IAM, alarms, dashboards…): listed, not applied. */
  readonly skipped: { logicalId: string; type: string }[];
  /**
   * The template's Outputs as CloudFormation would report them (those whose condition holds
   * and whose value the local deployment can resolve), e.g. the central stack's
   * CentralEventBusArn for deploy/member-account.yml.
   */
  readonly outputs?: Record<string, string>;
}

export interface DeployClients {
  readonly sqs: SQSClient;
  readonly events: EventBridgeClient;
  readonly dynamodb: DynamoDBClient;
}

export interface DeployOptions {
  readonly stackName: string;
  readonly region: string;
  readonly account: string;
  readonly parameters?: Readonly<Record<string, string>>;
}
