import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffSeconds } from '../../src/domain/backoff.js';
import { PackageError, packageService } from '../../src/local/runner/packageService.js';
import { METRICS_NAMESPACE, MetricName } from '../../src/observability/metricNames.js';
import { loadCompiledPolicySync } from '../../src/policyFiles/loadCompiledPolicy.js';
import { loadPolicyFileSync } from '../../src/policyFiles/loadPolicyFile.js';

/**
 * The packaged CloudFormation template (`osls package`, offline, no AWS credentials) is what
 * reaches an account and what the local cloud deploys, so these tests read it rather than
 * serverless.yml. The security checklist (IAM wildcards, queue policies, encryption, log
 * retention) is test/security/template.security.test.ts.
 */

const run = promisify(execFile);
const REPO_ROOT = resolve(import.meta.dirname, '../..');
const PACKAGE_TIMEOUT_MS = 120_000;
/** Where plugins/validate-policy.cjs writes the policy compiled to JSON, named by content. */
const COMPILED_POLICY = /^\.copy-autopilot\/policy-[0-9a-f]{12}\.json$/;
/** An organization policy whose scope names the member role copy-autopilot-member. */
const CROSS_ACCOUNT_POLICY = 'test/fixtures/policies/organization.yml';

interface Resource {
  readonly Type: string;
  readonly Condition?: string;
  readonly Properties?: Record<string, unknown>;
}

interface Template {
  readonly Conditions?: Record<string, unknown>;
  readonly Resources: Record<string, Resource>;
  readonly Outputs?: Record<string, unknown>;
}

interface Statement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: unknown;
  readonly Action: string | readonly string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}

interface PackageResult {
  readonly exitCode: number;
  readonly output: string;
  readonly template?: Template;
  readonly zipEntries?: readonly string[];
}

/** The parent's environment minus anything that could reach an AWS account. */
function offlineEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('AWS_')) env[name] = value;
  }
  return {
    ...env,
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** Packages with the project's own packageService (serialised with other packagings). */
async function packageInto(outputDir: string, params: Record<string, string> = {}): Promise<PackageResult> {
  try {
    const result = await packageService({
      serviceDir: REPO_ROOT,
      stage: 'test',
      region: 'us-east-1',
      params,
      outputDir,
      env: offlineEnvironment(),
    });
    const { stdout: listing } = await run('unzip', ['-Z1', join(outputDir, 'copyWorker.zip')]);
    return {
      exitCode: 0,
      output: result.output,
      template: result.template as unknown as Template,
      zipEntries: listing.split('\n').filter(Boolean),
    };
  } catch (error) {
    if (!(error instanceof PackageError)) throw error;
    return { exitCode: 1, output: error.output };
  }
}

function packaged(result: PackageResult): { template: Template; zipEntries: readonly string[] } {
  if (!result.template || !result.zipEntries) throw new Error(`osls package failed:\n${result.output}`);
  return { template: result.template, zipEntries: result.zipEntries };
}

function resourcesOfType(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

function propertiesOf<T>(template: Template, logicalId: string): T {
  const resource = template.Resources[logicalId];
  if (!resource) throw new Error(`no resource ${logicalId} in the template`);
  return (resource.Properties ?? {}) as T;
}

/** Evaluates the conditions osls emits once params are resolved: Fn::Not / Fn::Equals on literals. */
function evaluateCondition(template: Template, name: string): boolean {
  const evaluate = (expression: unknown): boolean => {
    const [[fn, argument] = []] = Object.entries(expression as Record<string, unknown>);
    if (fn === 'Fn::Not') return !evaluate((argument as unknown[])[0]);
    if (fn === 'Fn::Equals') {
      const [left, right] = argument as unknown[];
      if (typeof left !== 'string' || typeof right !== 'string') throw new Error(`non-literal ${name}`);
      return left === right;
    }
    throw new Error(`condition ${name} uses ${String(fn)}, which this test does not evaluate`);
  };
  const expression = template.Conditions?.[name];
  if (expression === undefined) throw new Error(`no condition ${name}`);
  return evaluate(expression);
}

function isActive(template: Template, resource: Resource): boolean {
  return resource.Condition === undefined || evaluateCondition(template, resource.Condition);
}

/** Identity-policy statements of every IAM role and policy the stack would create. */
function identityStatements(template: Template): Statement[] {
  const documents: { Statement: Statement[] }[] = [];
  for (const [, role] of resourcesOfType(template, 'AWS::IAM::Role')) {
    if (!isActive(template, role)) continue;
    const policies = (role.Properties?.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[];
    documents.push(...policies.map((policy) => policy.PolicyDocument));
  }
  for (const [, policy] of resourcesOfType(template, 'AWS::IAM::Policy')) {
    if (isActive(template, policy)) {
      documents.push((policy.Properties as { PolicyDocument: { Statement: Statement[] } }).PolicyDocument);
    }
  }
  return documents.flatMap((document) => document.Statement);
}

function asList<T>(value: T | readonly T[]): readonly T[] {
  return Array.isArray(value) ? value : [value as T];
}

const getAtt = (logicalId: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [logicalId, attribute] });

/** Rules whose targets include the requests queue. */
function queueRules(template: Template): [string, Resource][] {
  return resourcesOfType(template, 'AWS::Events::Rule').filter(([, rule]) =>
    ((rule.Properties?.Targets ?? []) as { Arn: unknown }[]).some(
      (target) => JSON.stringify(target.Arn) === JSON.stringify(getAtt('RequestsQueue')),
    ),
  );
}

interface EventPattern {
  readonly source: string[];
  readonly 'detail-type': string[];
  readonly detail?: Record<string, unknown>;
}

interface Alarm {
  readonly Namespace: string;
  readonly MetricName: string;
  readonly Dimensions: { Name: string; Value: unknown }[];
  readonly Threshold: number;
  readonly ComparisonOperator: string;
  readonly AlarmActions: unknown[];
}

describe('serverless.yml: packaged CloudFormation template', () => {
  let workDir: string;
  let defaults: { template: Template; zipEntries: readonly string[] };
  let crossAccount: { template: Template; zipEntries: readonly string[] };
  let invalidPolicy: PackageResult;
  let retiredParam: PackageResult;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'copy-autopilot-package-'));
    // One at a time: each run bundles the worker, and CI machines have two cores.
    defaults = packaged(await packageInto(join(workDir, 'defaults')));
    // The member role comes from the policy's scope (scope.memberRoleName), not from a param.
    crossAccount = packaged(
      await packageInto(join(workDir, 'cross-account'), {
        organizationId: 'o-exampleorgid',
        alarmEmail: 'oncall@example.com',
        policyFile: CROSS_ACCOUNT_POLICY,
      }),
    );
    invalidPolicy = await packageInto(join(workDir, 'invalid'), {
      policyFile: 'test/fixtures/policies/invalid.yml',
    });
    retiredParam = await packageInto(join(workDir, 'retired'), { memberRoleName: 'copy-autopilot-member' });
  }, 5 * PACKAGE_TIMEOUT_MS);

  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  describe('EventBridge rules', () => {
    it('matches successful CreateNamespace calls only', () => {
      // Prepare
      const { EventPattern } = propertiesOf<{ EventPattern: EventPattern }>(
        defaults.template,
        'NamespaceCreatedRule',
      );

      // Assess
      expect(EventPattern).toEqual({
        source: ['aws.redshift-serverless'],
        'detail-type': ['AWS API Call via CloudTrail'],
        detail: {
          eventSource: ['redshift-serverless.amazonaws.com'],
          eventName: ['CreateNamespace'],
          errorCode: [{ exists: false }],
        },
      });
    });

    it('matches operator Snapshot Copy Requested events', () => {
      // Prepare
      const { EventPattern } = propertiesOf<{ EventPattern: EventPattern }>(
        defaults.template,
        'SnapshotCopyRequestedRule',
      );

      // Assess
      expect(EventPattern).toEqual({
        source: ['copy-autopilot'],
        'detail-type': ['Snapshot Copy Requested'],
      });
    });

    it('matches successful TagResource/UntagResource calls on namespace ARNs only', () => {
      // Prepare
      const { EventPattern } = propertiesOf<{ EventPattern: EventPattern }>(
        defaults.template,
        'NamespaceTagsChangedRule',
      );
      const requestParameters = EventPattern.detail?.requestParameters as
        | { resourceArn: { wildcard: { 'Fn::Sub': string } }[] }
        | undefined;
      const [filter] = requestParameters?.resourceArn ?? [];
      // The partition comes from the stack (aws, aws-cn, aws-us-gov); CloudFormation substitutes it.
      const inPartition = (partition: string) =>
        (filter?.wildcard['Fn::Sub'] ?? '').replaceAll('${AWS::Partition}', partition);
      const escapeRegExp = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      const wildcard = new RegExp(`^${inPartition('aws').split('*').map(escapeRegExp).join('.*')}$`);

      // Assess
      expect(EventPattern.source).toEqual(['aws.redshift-serverless']);
      expect(EventPattern.detail?.eventName).toEqual(['TagResource', 'UntagResource']);
      expect(EventPattern.detail?.errorCode).toEqual([{ exists: false }]);
      expect(filter?.wildcard['Fn::Sub'].startsWith('arn:${AWS::Partition}:redshift-serverless:')).toBe(true);
      expect(inPartition('aws-cn')).toBe('arn:aws-cn:redshift-serverless:*:namespace/*');
      expect(wildcard.test('arn:aws:redshift-serverless:us-east-1:111111111111:namespace/0d1f-4c2b')).toBe(
        true,
      );
      expect(wildcard.test('arn:aws:redshift-serverless:us-east-1:111111111111:workgroup/0d1f-4c2b')).toBe(
        false,
      );
      expect(wildcard.test('arn:aws:redshift:us-east-1:111111111111:namespace:0d1f')).toBe(false);
    });

    it('matches successful DeleteSnapshotCopyConfiguration/UpdateSnapshotCopyConfiguration calls', () => {
      // Prepare
      const { EventPattern, Name } = propertiesOf<{ EventPattern: EventPattern; Name: string }>(
        defaults.template,
        'CopyConfigurationChangedRule',
      );

      // Assess
      expect(Name).toBe('copy-autopilot-test-copy-configuration-changed');
      expect(EventPattern).toEqual({
        source: ['aws.redshift-serverless'],
        'detail-type': ['AWS API Call via CloudTrail'],
        detail: {
          eventSource: ['redshift-serverless.amazonaws.com'],
          eventName: ['DeleteSnapshotCopyConfiguration', 'UpdateSnapshotCopyConfiguration'],
          errorCode: [{ exists: false }],
        },
      });
    });

    it('lets every rule, and no one else, send to the requests queue and its dead-letter queue', () => {
      // Prepare
      const ruleArns = queueRules(defaults.template)
        .map(([logicalId]) => JSON.stringify(getAtt(logicalId)))
        .sort();
      const sourceArns = (policyId: string) => {
        const { PolicyDocument } = propertiesOf<{ PolicyDocument: { Statement: Statement[] } }>(
          defaults.template,
          policyId,
        );
        const allow = PolicyDocument.Statement.find((statement) => statement.Effect === 'Allow');
        const condition = allow?.Condition as { ArnEquals: { 'aws:SourceArn': unknown[] } };
        return condition.ArnEquals['aws:SourceArn'].map((arn) => JSON.stringify(arn)).sort();
      };

      // Assess
      expect(ruleArns).toHaveLength(4);
      expect(sourceArns('RequestsQueuePolicy')).toEqual(ruleArns);
      expect(sourceArns('RequestsDeadLetterQueuePolicy')).toEqual(ruleArns);
    });

    it('targets the requests queue from every event rule, with a retry policy and a dead-letter queue', () => {
      // Prepare
      const rules = resourcesOfType(defaults.template, 'AWS::Events::Rule').filter(
        ([, rule]) => rule.Properties?.EventPattern !== undefined,
      );

      // Assess
      expect(rules.map(([logicalId]) => logicalId).sort()).toEqual([
        'CopyConfigurationChangedRule',
        'NamespaceCreatedRule',
        'NamespaceTagsChangedRule',
        'SnapshotCopyRequestedRule',
      ]);
      for (const [, rule] of rules) {
        const targets = rule.Properties?.Targets as Record<string, unknown>[];
        expect(targets).toHaveLength(1);
        expect(targets[0]).toMatchObject({
          Arn: getAtt('RequestsQueue'),
          DeadLetterConfig: { Arn: getAtt('RequestsDeadLetterQueue') },
          RetryPolicy: {
            MaximumRetryAttempts: expect.any(Number),
            MaximumEventAgeInSeconds: expect.any(Number),
          },
        });
      }
    });
  });

  describe('queues', () => {
    it('redrives to the DLQ after a retry budget of about an hour of backoff', () => {
      // Prepare
      const { RedrivePolicy } = propertiesOf<{
        RedrivePolicy: { deadLetterTargetArn: unknown; maxReceiveCount: number };
      }>(defaults.template, 'RequestsQueue');
      const options = { baseSeconds: 5, maxSeconds: 900 };
      const budget = (random: () => number) => {
        let seconds = 0;
        for (let receive = 1; receive <= RedrivePolicy.maxReceiveCount; receive++) {
          seconds += backoffSeconds(receive, options, random);
        }
        return seconds;
      };

      // Act
      const shortest = budget(() => 0);
      const typical = budget(() => 0.5);
      const longest = budget(() => 1 - Number.EPSILON);

      // Assess
      expect(RedrivePolicy.deadLetterTargetArn).toEqual(getAtt('RequestsDeadLetterQueue'));
      expect(RedrivePolicy.maxReceiveCount).toBe(12);
      expect(shortest).toBeGreaterThanOrEqual(30 * 60);
      expect(typical).toBeGreaterThanOrEqual(50 * 60);
      expect(typical).toBeLessThanOrEqual(70 * 60);
      expect(longest).toBeLessThanOrEqual(90 * 60);
    });

    it('passes the backoff the retry budget was sized for to the worker', () => {
      // Prepare
      const { Environment } = propertiesOf<{ Environment: { Variables: Record<string, unknown> } }>(
        defaults.template,
        'CopyWorkerLambdaFunction',
      );

      // Assess
      expect(Environment.Variables).toMatchObject({ BACKOFF_BASE_SECONDS: '5', BACKOFF_MAX_SECONDS: '900' });
    });

    it('sets the visibility timeout to at least six times the worker timeout', () => {
      // Prepare
      const { VisibilityTimeout } = propertiesOf<{ VisibilityTimeout: number }>(
        defaults.template,
        'RequestsQueue',
      );
      const { Timeout } = propertiesOf<{ Timeout: number }>(defaults.template, 'CopyWorkerLambdaFunction');

      // Assess
      expect(VisibilityTimeout).toBeGreaterThanOrEqual(6 * Timeout);
    });

    it('keeps dead letters for 14 days, longer than the requests queue keeps requests', () => {
      // Prepare
      const dlq = propertiesOf<{ MessageRetentionPeriod: number }>(
        defaults.template,
        'RequestsDeadLetterQueue',
      );
      const requests = propertiesOf<{ MessageRetentionPeriod: number }>(defaults.template, 'RequestsQueue');

      // Assess
      expect(dlq.MessageRetentionPeriod).toBe(1_209_600);
      expect(dlq.MessageRetentionPeriod).toBeGreaterThan(requests.MessageRetentionPeriod);
    });
  });

  describe('idempotency table', () => {
    it('is on-demand and expires records on `expiration`', () => {
      // Prepare
      const table = propertiesOf<Record<string, unknown>>(defaults.template, 'IdempotencyTable');

      // Assess
      expect(table).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
      });
    });
  });

  describe('copy worker', () => {
    it('runs on nodejs22.x arm64 with the environment the handler reads', () => {
      // Prepare
      const worker = propertiesOf<{
        Handler: string;
        Runtime: string;
        Architectures: string[];
        Environment: { Variables: Record<string, unknown> };
      }>(defaults.template, 'CopyWorkerLambdaFunction');

      // Assess
      expect(worker.Handler).toBe('src/handlers/copyWorker.handler');
      expect(worker.Runtime).toBe('nodejs22.x');
      expect(worker.Architectures).toEqual(['arm64']);
      expect(worker.Environment.Variables).toMatchObject({
        POLICY_FILE: expect.stringMatching(COMPILED_POLICY),
        IDEMPOTENCY_TABLE_NAME: { Ref: 'IdempotencyTable' },
        DEAD_LETTER_QUEUE_URL: { Ref: 'RequestsDeadLetterQueue' },
        AWS_ACCOUNT_ID: { Ref: 'AWS::AccountId' },
        IDEMPOTENCY_TTL_SECONDS: '86400',
        POWERTOOLS_SERVICE_NAME: 'copy-autopilot',
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: 'INFO',
      });
      // The member role and the scope are read from the policy file, not the environment.
      expect(worker.Environment.Variables).not.toHaveProperty('MEMBER_ROLE_NAME');
    });

    it('consumes the requests queue in small batches with partial batch responses and capped concurrency', () => {
      // Prepare
      const mappings = resourcesOfType(defaults.template, 'AWS::Lambda::EventSourceMapping').filter(
        ([, mapping]) =>
          JSON.stringify(mapping.Properties?.EventSourceArn) === JSON.stringify(getAtt('RequestsQueue')),
      );
      const properties = mappings[0]?.[1].Properties as Record<string, unknown>;

      // Assess
      expect(mappings).toHaveLength(1);
      expect(properties).toMatchObject({
        FunctionName: getAtt('CopyWorkerLambdaFunction'),
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: expect.any(Number) },
      });
      expect(properties.MaximumBatchingWindowInSeconds).toBeGreaterThan(0);
    });

    it('bundles the compiled policy with the function at the path POLICY_FILE names', async () => {
      // Prepare
      const policyFileOf = (template: Template) =>
        propertiesOf<{ Environment: { Variables: Record<string, string> } }>(
          template,
          'CopyWorkerLambdaFunction',
        ).Environment.Variables.POLICY_FILE as string;
      const defaultPolicy = policyFileOf(defaults.template);
      const organizationPolicy = policyFileOf(crossAccount.template);

      // Assess: each policy compiled to its own file, packaged where POLICY_FILE says
      expect(defaults.zipEntries).toContain(defaultPolicy);
      expect(defaults.zipEntries).toContain('src/handlers/copyWorker.mjs');
      expect(crossAccount.zipEntries).toContain(organizationPolicy);
      expect(organizationPolicy).not.toBe(defaultPolicy);
      expect(loadCompiledPolicySync(join(REPO_ROOT, defaultPolicy))).toEqual(
        loadPolicyFileSync(join(REPO_ROOT, 'copy-policy.yml')),
      );
      expect(loadCompiledPolicySync(join(REPO_ROOT, organizationPolicy))).toEqual(
        loadPolicyFileSync(join(REPO_ROOT, CROSS_ACCOUNT_POLICY)),
      );
    });
  });

  describe('fan-out sweep', () => {
    type RolePolicies = { Policies: { PolicyDocument: { Statement: Statement[] } }[] };
    const roleStatements = (template: Template, logicalId: string): Statement[] =>
      propertiesOf<RolePolicies>(template, logicalId).Policies.flatMap(
        (policy) => policy.PolicyDocument.Statement,
      );
    const resourcesFor = (statements: Statement[], action: string) =>
      statements
        .filter((statement) => statement.Effect === 'Allow' && asList(statement.Action).includes(action))
        .flatMap((statement) => asList(statement.Resource as unknown))
        .map((resource) => JSON.stringify(resource));

    it('runs the planner on the sweepRate schedule with the task queue and the home account', () => {
      // Prepare
      const schedules = resourcesOfType(defaults.template, 'AWS::Events::Rule').filter(
        ([, rule]) => rule.Properties?.ScheduleExpression !== undefined,
      );
      const planner = propertiesOf<{
        Handler: string;
        Role: unknown;
        Environment: { Variables: Record<string, unknown> };
      }>(defaults.template, 'SweepPlannerLambdaFunction');

      // Assess
      expect(schedules).toHaveLength(1);
      const [, schedule] = schedules[0] as [string, Resource];
      expect(schedule.Properties).toMatchObject({
        Name: 'copy-autopilot-test-sweep',
        ScheduleExpression: 'rate(6 hours)',
        Targets: [expect.objectContaining({ Arn: getAtt('SweepPlannerLambdaFunction') })],
      });
      expect(planner.Handler).toBe('src/handlers/sweepPlanner.handler');
      expect(planner.Role).toEqual(getAtt('SweepPlannerRole'));
      expect(planner.Environment.Variables).toMatchObject({
        POLICY_FILE: expect.stringMatching(COMPILED_POLICY),
        SWEEP_TASKS_QUEUE_URL: { Ref: 'SweepTasksQueue' },
        AWS_ACCOUNT_ID: { Ref: 'AWS::AccountId' },
      });
      // The single-region sweep function and its role are gone.
      expect(defaults.template.Resources.SweepLambdaFunction).toBeUndefined();
      expect(defaults.template.Resources.SweepRole).toBeUndefined();
    });

    it('sends tasks to an encrypted queue that redrives to its own DLQ after the retry budget', () => {
      // Prepare
      const queue = propertiesOf<{
        SqsManagedSseEnabled: boolean;
        VisibilityTimeout: number;
        RedrivePolicy: { deadLetterTargetArn: unknown; maxReceiveCount: number };
      }>(defaults.template, 'SweepTasksQueue');
      const dlq = propertiesOf<{ SqsManagedSseEnabled: boolean; MessageRetentionPeriod: number }>(
        defaults.template,
        'SweepTasksDeadLetterQueue',
      );
      const worker = propertiesOf<{ Timeout: number; Environment: { Variables: Record<string, unknown> } }>(
        defaults.template,
        'SweepWorkerLambdaFunction',
      );

      // Assess: the worker dead-letters the last attempt itself, with the same count
      expect(queue.SqsManagedSseEnabled).toBe(true);
      expect(dlq.SqsManagedSseEnabled).toBe(true);
      expect(queue.RedrivePolicy.deadLetterTargetArn).toEqual(getAtt('SweepTasksDeadLetterQueue'));
      expect(worker.Environment.Variables.SWEEP_TASK_MAX_RECEIVE_COUNT).toBe(
        String(queue.RedrivePolicy.maxReceiveCount),
      );
      expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * worker.Timeout);
      expect(dlq.MessageRetentionPeriod).toBe(1_209_600);
    });

    it('triggers the sweep worker from the task queue one target at a time, with partial batch responses and capped concurrency', () => {
      // Prepare
      const worker = propertiesOf<{
        Handler: string;
        Role: unknown;
        Environment: { Variables: Record<string, unknown> };
      }>(defaults.template, 'SweepWorkerLambdaFunction');
      const mapping = propertiesOf<Record<string, unknown>>(
        defaults.template,
        'SweepWorkerEventSourceMapping',
      );

      // Assess
      expect(worker.Handler).toBe('src/handlers/sweepWorker.handler');
      expect(worker.Role).toEqual(getAtt('SweepWorkerRole'));
      expect(worker.Environment.Variables).toMatchObject({
        POLICY_FILE: expect.stringMatching(COMPILED_POLICY),
        EVENT_BUS_NAME: 'default',
        SWEEP_TASKS_DEAD_LETTER_QUEUE_URL: { Ref: 'SweepTasksDeadLetterQueue' },
        AWS_ACCOUNT_ID: { Ref: 'AWS::AccountId' },
      });
      expect(mapping).toEqual({
        EventSourceArn: getAtt('SweepTasksQueue'),
        FunctionName: getAtt('SweepWorkerLambdaFunction'),
        BatchSize: 1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 5 },
        Enabled: true,
      });
    });

    it('lets the planner only list accounts, OUs and regions and send to the task queue', () => {
      // Prepare
      const statements = roleStatements(defaults.template, 'SweepPlannerRole');
      const actions = statements.flatMap((statement) => asList(statement.Action));

      // Assess
      expect([...actions].sort()).toEqual([
        'account:ListRegions',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'organizations:ListAccounts',
        'organizations:ListAccountsForParent',
        'organizations:ListOrganizationalUnitsForParent',
        'sqs:SendMessage',
      ]);
      expect(resourcesFor(statements, 'sqs:SendMessage')).toEqual([
        JSON.stringify(getAtt('SweepTasksQueue')),
      ]);
      expect(resourcesFor(statements, 'account:ListRegions')).toEqual([
        JSON.stringify({ 'Fn::Sub': 'arn:${AWS::Partition}:account::${AWS::AccountId}:account' }),
        JSON.stringify({ 'Fn::Sub': 'arn:${AWS::Partition}:account::*:account/o-*/*' }),
      ]);
    });

    it('lets the sweep worker only read namespaces and configurations, put events and use its own queues', () => {
      // Prepare
      const statements = roleStatements(defaults.template, 'SweepWorkerRole');
      const actions = statements.flatMap((statement) => asList(statement.Action));

      // Assess: no write to Redshift Serverless, nothing on the requests queues
      expect([...actions].sort()).toEqual([
        'events:PutEvents',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'redshift-serverless:ListNamespaces',
        'redshift-serverless:ListSnapshotCopyConfigurations',
        'redshift-serverless:ListTagsForResource',
        'sqs:ChangeMessageVisibility',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
        'sqs:ReceiveMessage',
        'sqs:SendMessage',
      ]);
      for (const action of ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility']) {
        expect(resourcesFor(statements, action)).toEqual([JSON.stringify(getAtt('SweepTasksQueue'))]);
      }
      expect(resourcesFor(statements, 'sqs:SendMessage')).toEqual([
        JSON.stringify(getAtt('SweepTasksDeadLetterQueue')),
      ]);
      expect(resourcesFor(statements, 'events:PutEvents')).toEqual([
        JSON.stringify({
          'Fn::Sub': 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default',
        }),
      ]);
      // The copy worker's role may not consume sweep tasks.
      expect(resourcesFor(identityStatements(defaults.template), 'sqs:ReceiveMessage')).toEqual([
        JSON.stringify(getAtt('RequestsQueue')),
        JSON.stringify(getAtt('SweepTasksQueue')),
      ]);
      expect(
        resourcesFor(roleStatements(defaults.template, 'IamRoleLambdaExecution'), 'sqs:ReceiveMessage'),
      ).toEqual([JSON.stringify(getAtt('RequestsQueue'))]);
    });
  });

  describe('IAM', () => {
    it('grants the worker the calls it makes, on the resources it makes them on', () => {
      // Prepare: the sweep functions have roles of their own (asserted above); these are the worker's
      const statements = propertiesOf<{ Policies: { PolicyDocument: { Statement: Statement[] } }[] }>(
        defaults.template,
        'IamRoleLambdaExecution',
      ).Policies.flatMap((policy) => policy.PolicyDocument.Statement);
      const resourcesFor = (action: string) =>
        statements
          .filter((statement) => statement.Effect === 'Allow' && asList(statement.Action).includes(action))
          .flatMap((statement) => asList(statement.Resource as unknown))
          .map((resource) => JSON.stringify(resource));
      const namespaces = JSON.stringify({
        'Fn::Sub': 'arn:${AWS::Partition}:redshift-serverless:*:${AWS::AccountId}:namespace/*',
      });

      // Assess
      for (const action of [
        'redshift-serverless:GetNamespace',
        'redshift-serverless:ListTagsForResource',
        'redshift-serverless:ListSnapshotCopyConfigurations',
        'redshift-serverless:CreateSnapshotCopyConfiguration',
      ]) {
        expect(resourcesFor(action)).toEqual([namespaces]);
      }
      expect(resourcesFor('sqs:ChangeMessageVisibility')).toEqual([JSON.stringify(getAtt('RequestsQueue'))]);
      expect(resourcesFor('sqs:ReceiveMessage')).toEqual([JSON.stringify(getAtt('RequestsQueue'))]);
      expect(resourcesFor('sqs:SendMessage')).toEqual([JSON.stringify(getAtt('RequestsDeadLetterQueue'))]);
      for (const action of [
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
      ]) {
        expect(resourcesFor(action)).toEqual([JSON.stringify(getAtt('IdempotencyTable'))]);
      }
      for (const action of ['kms:CreateGrant', 'kms:DescribeKey']) {
        expect(resourcesFor(action)).toEqual([
          JSON.stringify({ 'Fn::Sub': 'arn:${AWS::Partition}:kms:*:${AWS::AccountId}:key/*' }),
        ]);
      }
    });

    it('has no sts:AssumeRole when the policy names no member role', () => {
      // Act
      const assumes = identityStatements(defaults.template).filter(
        (statement) => statement.Effect === 'Allow' && asList(statement.Action).includes('sts:AssumeRole'),
      );

      // Assess
      expect(assumes).toEqual([]);
    });

    it('lets the copy and sweep workers assume only the policy’s member role in other accounts, within the organization', () => {
      // Act
      const assumes = identityStatements(crossAccount.template).filter(
        (statement) => statement.Effect === 'Allow' && asList(statement.Action).includes('sts:AssumeRole'),
      );
      const worker = propertiesOf<{ Environment: { Variables: Record<string, unknown> } }>(
        crossAccount.template,
        'CopyWorkerLambdaFunction',
      );

      // Assess
      expect(assumes).toHaveLength(1);
      expect(assumes[0]?.Resource).toEqual({
        'Fn::Sub': 'arn:${AWS::Partition}:iam::*:role/copy-autopilot-member',
      });
      expect(JSON.stringify(assumes[0]?.Condition)).toContain('"aws:ResourceOrgID":"o-exampleorgid"');
      expect(worker.Environment.Variables).not.toHaveProperty('MEMBER_ROLE_NAME');
      expect(
        propertiesOf<{ Roles: unknown[] }>(crossAccount.template, 'WorkerAssumeMemberRolePolicy').Roles,
      ).toEqual([{ Ref: 'IamRoleLambdaExecution' }, { Ref: 'SweepWorkerRole' }]);
    });

    it('opens the default bus to the organization only when organizationId is set', () => {
      // Prepare
      const busPolicy = (template: Template) =>
        resourcesOfType(template, 'AWS::Events::EventBusPolicy').filter(([, resource]) =>
          isActive(template, resource),
        );

      // Act
      const withoutOrganization = busPolicy(defaults.template);
      const withOrganization = busPolicy(crossAccount.template);

      // Assess
      expect(withoutOrganization).toEqual([]);
      expect(withOrganization).toHaveLength(1);
      expect(withOrganization[0]?.[1].Properties?.Statement).toMatchObject({
        Effect: 'Allow',
        Action: 'events:PutEvents',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-exampleorgid' } },
      });
    });
  });

  describe('alarms', () => {
    const alarms = (template: Template) =>
      resourcesOfType(template, 'AWS::CloudWatch::Alarm').map(
        ([, resource]) => resource.Properties as unknown as Alarm,
      );
    const dimension = (alarm: Alarm, name: string) =>
      alarm.Dimensions.find((candidate) => candidate.Name === name)?.Value;

    it('alarms on dead letters, old requests, worker errors and throttles, and each rule failing', () => {
      // Prepare
      const all = alarms(defaults.template);
      const ruleNames = resourcesOfType(defaults.template, 'AWS::Events::Rule').map(
        ([, rule]) => rule.Properties?.Name,
      );
      const find = (namespace: string, metric: string) =>
        all.filter((alarm) => alarm.Namespace === namespace && alarm.MetricName === metric);

      // Assess
      const [dlqDepth] = find('AWS/SQS', 'ApproximateNumberOfMessagesVisible');
      expect(dimension(dlqDepth as Alarm, 'QueueName')).toBe('copy-autopilot-test-requests-dlq');
      expect(dlqDepth).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
      const [oldest] = find('AWS/SQS', 'ApproximateAgeOfOldestMessage');
      expect(dimension(oldest as Alarm, 'QueueName')).toBe('copy-autopilot-test-requests');
      for (const metric of ['Errors', 'Throttles']) {
        const [alarm] = find('AWS/Lambda', metric);
        expect(dimension(alarm as Alarm, 'FunctionName')).toBe('copy-autopilot-test-copyWorker');
      }
      const failedInvocations = find('AWS/Events', 'FailedInvocations').map((alarm) =>
        dimension(alarm, 'RuleName'),
      );
      expect(failedInvocations.sort()).toEqual([...ruleNames].sort());
      // Four event rules to the requests queue and the sweep's schedule.
      expect(ruleNames).toHaveLength(5);
    });

    it('alarms when the sweep gives up on a target and when the planner or the sweep worker fails', () => {
      // Prepare
      const all = alarms(defaults.template);

      // Assess
      const taskDlq = all.find(
        (alarm) => dimension(alarm, 'QueueName') === 'copy-autopilot-test-sweep-tasks-dlq',
      );
      expect(taskDlq).toMatchObject({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      });
      const erroring = all
        .filter((alarm) => alarm.Namespace === 'AWS/Lambda' && alarm.MetricName === 'Errors')
        .map((alarm) => dimension(alarm, 'FunctionName'));
      expect(erroring.sort()).toEqual([
        'copy-autopilot-test-copyWorker',
        'copy-autopilot-test-sweepPlanner',
        'copy-autopilot-test-sweepWorker',
      ]);
    });

    it('sends every alarm to the alarm topic', () => {
      for (const alarm of alarms(defaults.template)) {
        expect(alarm.AlarmActions).toEqual([{ Ref: 'AlarmTopic' }]);
      }
    });

    it('encrypts the alarm topic with a key CloudWatch may use', () => {
      // Prepare
      const topic = propertiesOf<{ KmsMasterKeyId: unknown }>(defaults.template, 'AlarmTopic');
      const key = propertiesOf<{ KeyPolicy: { Statement: Statement[] } }>(defaults.template, 'AlarmTopicKey');
      const forCloudWatch = key.KeyPolicy.Statement.find(
        (statement) =>
          JSON.stringify(statement.Principal) === JSON.stringify({ Service: 'cloudwatch.amazonaws.com' }),
      );

      // Assess
      expect(topic.KmsMasterKeyId).toEqual({ Ref: 'AlarmTopicKey' });
      expect(forCloudWatch?.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    });

    it('subscribes the alarm email only when one is given', () => {
      // Prepare
      const subscription = (template: Template) => template.Resources.AlarmEmailSubscription as Resource;

      // Assess
      expect(isActive(defaults.template, subscription(defaults.template))).toBe(false);
      expect(isActive(crossAccount.template, subscription(crossAccount.template))).toBe(true);
      expect(subscription(crossAccount.template).Properties).toMatchObject({
        Protocol: 'email',
        Endpoint: 'oncall@example.com',
        TopicArn: { Ref: 'AlarmTopic' },
      });
    });
  });

  describe('dashboard', () => {
    const dashboardBody = (template: Template): string => {
      const { DashboardBody } = propertiesOf<{ DashboardBody: { 'Fn::Sub': string } }>(template, 'Dashboard');
      return DashboardBody['Fn::Sub'].replaceAll('${AWS::Region}', 'us-east-1');
    };

    it('is valid JSON once CloudFormation substitutes the region', () => {
      // Act
      const body = JSON.parse(dashboardBody(defaults.template)) as { widgets: unknown[] };

      // Assess
      expect(body.widgets.length).toBeGreaterThan(5);
    });

    it('charts every copy-autopilot metric in its namespace', () => {
      // Prepare
      const body = dashboardBody(defaults.template);

      // Assess
      for (const name of Object.values(MetricName)) {
        expect(body).toContain(`Namespace=\\"${METRICS_NAMESPACE}\\" MetricName=\\"${name}\\"`);
      }
      expect(body).toMatch(/MetricName=\\"TimeToProtection\\"', 'p50'/);
      expect(body).toMatch(/MetricName=\\"TimeToProtection\\"', 'p99'/);
    });

    it('charts the rules, the queues, the worker and the sweep', () => {
      // Prepare
      const body = dashboardBody(defaults.template);
      const ruleNames = queueRules(defaults.template).map(([, rule]) => String(rule.Properties?.Name));

      // Assess
      for (const ruleName of ruleNames) {
        expect(body).toContain(`["AWS/Events", "MatchedEvents", "RuleName", "${ruleName}"`);
        expect(body).toContain(`["AWS/Events", "Invocations", "RuleName", "${ruleName}"`);
      }
      for (const metric of ['ApproximateNumberOfMessagesVisible', 'ApproximateAgeOfOldestMessage']) {
        expect(body).toContain(`["AWS/SQS", "${metric}", "QueueName", "copy-autopilot-test-requests"`);
      }
      expect(body).toContain(
        '["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", "copy-autopilot-test-requests-dlq"',
      );
      for (const queue of ['copy-autopilot-test-sweep-tasks', 'copy-autopilot-test-sweep-tasks-dlq']) {
        expect(body).toContain(`["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", "${queue}"`);
      }
      for (const fn of ['copy-autopilot-test-sweepPlanner', 'copy-autopilot-test-sweepWorker']) {
        expect(body).toContain(`["AWS/Lambda", "Errors", "FunctionName", "${fn}"`);
      }
      for (const metric of ['Invocations', 'Errors', 'Duration', 'ConcurrentExecutions']) {
        expect(body).toContain(
          `["AWS/Lambda", "${metric}", "FunctionName", "copy-autopilot-test-copyWorker"`,
        );
      }
    });
  });

  describe('policy validation at build time', () => {
    it('fails packaging with the validator message when the policy is invalid', () => {
      // Assess
      expect(invalidPolicy.exitCode).not.toBe(0);
      expect(invalidPolicy.output).toContain('Invalid copy policy test/fixtures/policies/invalid.yml');
      expect(invalidPolicy.output).toContain('unknown region "mars-north-1"');
      expect(invalidPolicy.output).toContain('duplicate rule name');
    });

    it('fails packaging when the retired memberRoleName param is given, pointing at the policy', () => {
      // Assess
      expect(retiredParam.exitCode).not.toBe(0);
      expect(retiredParam.output).toContain('--param="memberRoleName=…" is no longer read');
      expect(retiredParam.output).toContain('scope.memberRoleName');
    });
  });
});
