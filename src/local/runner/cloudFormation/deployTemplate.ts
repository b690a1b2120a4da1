import { CreateTableCommand, type DynamoDBClient, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import {
  type EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { partitionOfRegion } from '../../accounts/partition.js';
import { orderResources } from './dependencies.js';
import { TemplateError } from './errors.js';
import { evaluateConditions, type IntrinsicScope, resolveIntrinsics } from './intrinsics.js';

/** A CloudFormation template as `osls package` writes it. */
export interface CloudFormationTemplate {
  readonly Parameters?: Record<string, { Default?: unknown }>;
  readonly Conditions?: Record<string, unknown>;
  readonly Resources: Record<
    string,
    { Type: string; Properties?: Record<string, unknown>; Condition?: string }
  >;
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

interface Produced {
  ref: string;
  attributes: Record<string, string>;
}

/**
 * Applies a packaged CloudFormation template to the local cloud through the same APIs a
 * deployment would end up calling. Resources the local cloud has no equivalent for are
 * listed in `skipped` so nobody mistakes them for tested.
 */
export async function deployTemplate(
  template: CloudFormationTemplate,
  clients: DeployClients,
  options: DeployOptions,
): Promise<LocalDeployment> {
  const produced = new Map<string, Produced>();
  const partition = partitionOfRegion(options.region);
  const pseudo = {
    'AWS::AccountId': options.account,
    'AWS::Region': options.region,
    'AWS::Partition': partition,
    'AWS::StackName': options.stackName,
    'AWS::StackId': `arn:${partition}:cloudformation:${options.region}:${options.account}:stack/${options.stackName}/local`,
    'AWS::URLSuffix': 'amazonaws.com',
  };
  const parameters: Record<string, string> = {};
  for (const [name, definition] of Object.entries(template.Parameters ?? {})) {
    const value = options.parameters?.[name] ?? definition.Default;
    if (value !== undefined) parameters[name] = String(value);
  }
  const baseScope = {
    pseudo,
    parameters,
    ref: (id: string) => produced.get(id)?.ref,
    getAtt: (id: string, attribute: string) => produced.get(id)?.attributes[attribute],
  };
  const scope: IntrinsicScope = {
    ...baseScope,
    conditions: evaluateConditions(template.Conditions ?? {}, baseScope),
  };

  const deployment: LocalDeployment = {
    queues: {},
    rules: [],
    tables: [],
    functions: {},
    eventSourceMappings: [],
    schedules: [],
    skipped: [],
  };
  const functionsByArn = new Map<string, LocalFunction>();
  const pendingMappings: { logicalId: string; properties: Record<string, unknown> }[] = [];

  for (const logicalId of orderResources(template.Resources)) {
    const resource = template.Resources[logicalId];
    if (!resource) continue;
    if (resource.Condition && !scope.conditions[resource.Condition]) continue;
    const properties = (resolveIntrinsics(resource.Properties ?? {}, scope) ?? {}) as Record<string, unknown>;
    const arnOf = (service: string, resourcePart: string) =>
      `arn:${partition}:${service}:${options.region}:${options.account}:${resourcePart}`;
    switch (resource.Type) {
      case 'AWS::SQS::Queue': {
        const name = stringProperty(properties.QueueName) ?? `${options.stackName}-${logicalId}`;
        const { QueueUrl } = await clients.sqs.send(
          new CreateQueueCommand({ QueueName: name, Attributes: queueAttributes(properties) }),
        );
        if (!QueueUrl) throw new TemplateError('CreateQueue returned no QueueUrl', logicalId);
        const attributes = await clients.sqs.send(
          new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
        );
        const arn = attributes.Attributes?.QueueArn ?? arnOf('sqs', name);
        deployment.queues[logicalId] = { name, url: QueueUrl, arn };
        produced.set(logicalId, { ref: QueueUrl, attributes: { Arn: arn, QueueName: name, QueueUrl } });
        break;
      }
      case 'AWS::DynamoDB::Table': {
        const name = stringProperty(properties.TableName) ?? `${options.stackName}-${logicalId}`;
        await clients.dynamodb.send(
          new CreateTableCommand({
            TableName: name,
            KeySchema: properties.KeySchema as never,
            AttributeDefinitions: properties.AttributeDefinitions as never,
            BillingMode: 'PAY_PER_REQUEST',
          }),
        );
        const ttl = properties.TimeToLiveSpecification as
          | { AttributeName?: string; Enabled?: boolean }
          | undefined;
        if (ttl?.Enabled && ttl.AttributeName) {
          await clients.dynamodb.send(
            new UpdateTimeToLiveCommand({
              TableName: name,
              TimeToLiveSpecification: { AttributeName: ttl.AttributeName, Enabled: true },
            }),
          );
        }
        deployment.tables.push(name);
        produced.set(logicalId, { ref: name, attributes: { Arn: arnOf('dynamodb', `table/${name}`) } });
        break;
      }
      case 'AWS::Lambda::Function': {
        const name = stringProperty(properties.FunctionName) ?? `${options.stackName}-${logicalId}`;
        const arn = arnOf('lambda', `function:${name}`);
        const fn: LocalFunction = {
          logicalId,
          name,
          arn,
          handler: stringProperty(properties.Handler) ?? '',
          environment: stringRecord(
            (properties.Environment as { Variables?: unknown } | undefined)?.Variables,
          ),
          timeoutSeconds: Number(properties.Timeout ?? 6),
          memoryMb: Number(properties.MemorySize ?? 1024),
        };
        deployment.functions[name] = fn;
        functionsByArn.set(arn, fn);
        produced.set(logicalId, { ref: name, attributes: { Arn: arn } });
        break;
      }
      case 'AWS::Lambda::EventSourceMapping':
        // Mapped after every function exists: osls orders them after their function, but a
        // template edited by hand need not.
        pendingMappings.push({ logicalId, properties });
        produced.set(logicalId, { ref: `${logicalId}-local`, attributes: {} });
        break;
      case 'AWS::Events::Rule': {
        const name = stringProperty(properties.Name) ?? `${options.stackName}-${logicalId}`;
        const busName = stringProperty(properties.EventBusName) ?? 'default';
        const targets = (properties.Targets as Target[] | undefined) ?? [];
        const arn = arnOf('events', busName === 'default' ? `rule/${name}` : `rule/${busName}/${name}`);
        if (typeof properties.ScheduleExpression === 'string') {
          for (const target of targets) {
            const fn = target.Arn ? functionsByArn.get(target.Arn) : undefined;
            if (!fn)
              throw new TemplateError(
                `schedule target ${target.Arn} is not a function of this stack`,
                logicalId,
              );
            deployment.schedules.push({
              ruleName: name,
              functionName: fn.name,
              expression: properties.ScheduleExpression,
              input: target.Input,
            });
          }
        } else {
          await clients.events.send(
            new PutRuleCommand({
              Name: name,
              EventBusName: busName,
              EventPattern: JSON.stringify(properties.EventPattern),
              State: (stringProperty(properties.State) as 'ENABLED' | 'DISABLED' | undefined) ?? 'ENABLED',
              Description: stringProperty(properties.Description),
            }),
          );
          if (targets.length > 0) {
            await clients.events.send(
              new PutTargetsCommand({ Rule: name, EventBusName: busName, Targets: targets }),
            );
          }
          deployment.rules.push(name);
        }
        produced.set(logicalId, { ref: name, attributes: { Arn: arn } });
        break;
      }
      default:
        deployment.skipped.push({ logicalId, type: resource.Type });
        produced.set(logicalId, placeholderFor(logicalId, resource.Type, properties, options));
    }
  }

  for (const { logicalId, properties } of pendingMappings) {
    const queueArn = stringProperty(properties.EventSourceArn) ?? '';
    const queue = Object.values(deployment.queues).find((candidate) => candidate.arn === queueArn);
    const functionName = stringProperty(properties.FunctionName) ?? '';
    const fn = deployment.functions[functionName] ?? functionsByArn.get(functionName);
    if (!queue || !fn)
      throw new TemplateError('event source mapping names an unknown queue or function', logicalId);
    if (properties.Enabled === false) continue;
    deployment.eventSourceMappings.push({
      functionName: fn.name,
      queueArn,
      queueUrl: queue.url,
      batchSize: Number(properties.BatchSize ?? 10),
      maximumBatchingWindowSeconds: Number(properties.MaximumBatchingWindowInSeconds ?? 0),
      reportBatchItemFailures: ((properties.FunctionResponseTypes as string[] | undefined) ?? []).includes(
        'ReportBatchItemFailures',
      ),
      maximumConcurrency: Number(
        (properties.ScalingConfig as { MaximumConcurrency?: number } | undefined)?.MaximumConcurrency ?? 5,
      ),
    });
  }
  return { ...deployment, outputs: resolveOutputs(template, scope) };
}

/** Outputs whose condition holds; one that refers to what the local cloud did not produce is left out. */
function resolveOutputs(template: CloudFormationTemplate, scope: IntrinsicScope): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const [name, output] of Object.entries(template.Outputs ?? {})) {
    if (output.Condition && !scope.conditions[output.Condition]) continue;
    try {
      const value = resolveIntrinsics(output.Value, scope);
      if (value !== undefined) outputs[name] = String(value);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
    }
  }
  return outputs;
}

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

function queueAttributes(properties: Record<string, unknown>): Record<string, string> {
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

/**
 * Ref and Arn of a resource that is not applied, so what refers to it (IAM, alarms) still
 * resolves. A role gets the ARN IAM would give it (global, named by RoleName or, like
 * CloudFormation, after the stack), so a template that passes it on (as a stack output, a
 * parameter of another stack) hands over a well-formed role ARN.
 */
function placeholderFor(
  logicalId: string,
  type: string,
  properties: Record<string, unknown>,
  options: DeployOptions,
): Produced {
  const partition = partitionOfRegion(options.region);
  if (type === 'AWS::IAM::Role') {
    const roleName = stringProperty(properties.RoleName) ?? `${options.stackName}-${logicalId}`;
    const path = stringProperty(properties.Path) ?? '/';
    return {
      ref: roleName,
      attributes: {
        Arn: `arn:${partition}:iam::${options.account}:role${path}${roleName}`,
        RoleId: roleName,
      },
    };
  }
  const service = type.split('::')[1]?.toLowerCase() ?? 'local';
  const arn = `arn:${partition}:${service}:${options.region}:${options.account}:${logicalId}`;
  return { ref: type === 'AWS::SNS::Topic' ? arn : logicalId, attributes: { Arn: arn } };
}

function stringProperty(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function stringRecord(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, String(item)]));
}
