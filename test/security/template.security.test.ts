import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudFormationTemplate } from '../../src/local/runner/cloudFormation/types.js';
import { packageService } from '../../src/local/runner/packageService.js';
import {
  INSECURE_TRANSPORT_DENY_REASON,
  JUSTIFIED_SERVICE_WIDE_ALLOWS,
  JUSTIFIED_WILDCARD_ACTIONS,
  KEY_POLICY_RESOURCE_REASON,
} from '../fixtures/justifiedWildcards.js';

/**
 * The security checklist of the packaged CloudFormation template (what reaches an account):
 * least-privilege IAM, queue policies scoped to the rules, encryption at rest, log retention.
 * Packaged once with every optional feature switched on (member role, from a policy whose scope
 * names it; organization; alarm email), so every conditional resource and statement is in the
 * template under test.
 */

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const EVERY_FEATURE = {
  policyFile: 'test/fixtures/policies/organization.yml',
  organizationId: 'o-exampleorgid',
  alarmEmail: 'oncall@example.com',
};

type Resources = CloudFormationTemplate['Resources'];

/** Where a statement was found: who it grants to decides which wildcards can be justified. */
const DocumentKind = {
  /** What a role may do: role inline policies, AWS::IAM::Policy / ManagedPolicy. */
  Identity: 'identity',
  /** Who may assume a role (AssumeRolePolicyDocument). */
  Trust: 'trust',
  /** A KMS key policy. */
  Key: 'key',
  /** Queue, topic, bus and bucket policies. */
  Resource: 'resource',
} as const;
type DocumentKind = (typeof DocumentKind)[keyof typeof DocumentKind];

interface Statement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: unknown;
  readonly Action?: string | readonly string[];
  readonly NotAction?: unknown;
  readonly Resource?: unknown;
  readonly NotResource?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

interface FoundStatement {
  readonly logicalId: string;
  readonly type: string;
  readonly kind: DocumentKind;
  readonly statement: Statement;
  /** `<logical id>/<Sid>` (or the statement's index path when it has no Sid), for messages. */
  readonly label: string;
}

const IDENTITY_TYPES = new Set(['AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']);

function isStatement(value: unknown): value is Statement {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const candidate = value as Record<string, unknown>;
  return (
    (candidate.Effect === 'Allow' || candidate.Effect === 'Deny') &&
    ('Action' in candidate || 'NotAction' in candidate)
  );
}

/**
 * Every policy statement anywhere in the template, found by shape rather than by resource type,
 * so a policy added under a type this test does not know yet is still checked.
 */
function allStatements(resources: Resources): FoundStatement[] {
  const found: FoundStatement[] = [];
  const visit = (value: unknown, logicalId: string, type: string, path: string, inTrust: boolean): void => {
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) visit(item, logicalId, type, `${path}[${index}]`, inTrust);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    if (isStatement(value)) {
      const kind = inTrust
        ? DocumentKind.Trust
        : type === 'AWS::KMS::Key'
          ? DocumentKind.Key
          : IDENTITY_TYPES.has(type)
            ? DocumentKind.Identity
            : DocumentKind.Resource;
      found.push({ logicalId, type, kind, statement: value, label: `${logicalId}/${value.Sid ?? path}` });
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      visit(child, logicalId, type, `${path}.${key}`, inTrust || key === 'AssumeRolePolicyDocument');
    }
  };
  for (const [logicalId, resource] of Object.entries(resources)) {
    visit(resource.Properties ?? {}, logicalId, resource.Type, 'Properties', false);
  }
  return found;
}

function asList(value: unknown): readonly unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function actionsOf(statement: Statement): string[] {
  return asList(statement.Action).map(String);
}

function isWildcardAction(action: string): boolean {
  return action === '*' || action.endsWith(':*');
}

function hasWildcardResource(statement: Statement): boolean {
  return asList(statement.Resource).includes('*');
}

/** True when the statement only applies to requests that did not use TLS. */
function isInsecureTransportGuard(statement: Statement): boolean {
  const secureTransport = statement.Condition?.Bool?.['aws:SecureTransport'];
  return secureTransport === false || secureTransport === 'false';
}

function isEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  const aws = (principal as { AWS?: unknown } | undefined)?.AWS;
  return asList(aws).includes('*');
}

/** Condition keys that narrow "everyone" to this account, organization or one source. */
const NARROWING_CONDITION_KEYS = [
  'aws:PrincipalOrgID',
  'aws:PrincipalAccount',
  'aws:SourceAccount',
  'aws:SourceArn',
  'aws:SecureTransport',
];

function conditionKeys(statement: Statement): string[] {
  return Object.values(statement.Condition ?? {}).flatMap((operator) => Object.keys(operator ?? {}));
}

const getAtt = (logicalId: string): unknown => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });

/** The rules that deliver to `queue`, as target or as the target's dead-letter queue. */
function rulesDeliveringTo(resources: Resources, queue: string): string[] {
  const queueArn = JSON.stringify(getAtt(queue));
  return Object.entries(resources)
    .filter(([, resource]) => resource.Type === 'AWS::Events::Rule')
    .filter(([, rule]) =>
      asList(rule.Properties?.Targets).some((target) => {
        const { Arn, DeadLetterConfig } = target as { Arn?: unknown; DeadLetterConfig?: { Arn?: unknown } };
        return JSON.stringify(Arn) === queueArn || JSON.stringify(DeadLetterConfig?.Arn) === queueArn;
      }),
    )
    .map(([logicalId]) => logicalId);
}

function ofType(resources: Resources, type: string): [string, Record<string, unknown>][] {
  return Object.entries(resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([logicalId, resource]) => [logicalId, resource.Properties ?? {}]);
}

/** The logical id a `{ Ref }` points at. */
function refOf(value: unknown): string | undefined {
  return (value as { Ref?: string } | undefined)?.Ref;
}

describe('Security: packaged CloudFormation template', () => {
  let directory: string | undefined;
  let resources: Resources;
  let statements: FoundStatement[];

  beforeAll(async () => {
    const options = { serviceDir: REPO_ROOT, stage: 'test', region: 'us-east-1', params: EVERY_FEATURE };
    const packaged = await packageService(options);
    directory = packaged.directory;
    resources = packaged.template.Resources;
    statements = allStatements(resources);
  }, 120_000);

  afterAll(async () => {
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });

  describe('policy statements', () => {
    it('finds statements in every kind of policy the template holds', () => {
      // Act
      const kinds = new Set(statements.map((found) => found.kind));
      const holders = new Set(statements.map((found) => found.type));

      // Assess: a walker that found nothing would make every check below pass vacuously.
      expect([...kinds].sort()).toEqual(Object.values(DocumentKind).sort());
      for (const type of [
        'AWS::IAM::Role',
        'AWS::IAM::Policy',
        'AWS::SQS::QueuePolicy',
        'AWS::SNS::TopicPolicy',
        'AWS::Events::EventBusPolicy',
        'AWS::KMS::Key',
      ]) {
        expect(holders).toContain(type);
      }
    });

    it('names every allowed action: no `*` and no `service:*` beyond the justified ones', () => {
      // Act
      const serviceWide = statements
        .filter(
          ({ statement }) => statement.Effect === 'Allow' && actionsOf(statement).some(isWildcardAction),
        )
        .map(({ label }) => label);
      const notActions = statements
        .filter(({ statement }) => statement.Effect === 'Allow' && statement.NotAction !== undefined)
        .map(({ label }) => label);

      // Assess
      expect(serviceWide.sort()).toEqual(Object.keys(JUSTIFIED_SERVICE_WIDE_ALLOWS).sort());
      // Allow + NotAction grants everything else: a wildcard in disguise.
      expect(notActions).toEqual([]);
    });

    it('denies a whole service only to requests without TLS', () => {
      // Act
      const broadDenies = statements.filter(
        ({ statement }) => statement.Effect === 'Deny' && actionsOf(statement).some(isWildcardAction),
      );

      // Assess
      expect(INSECURE_TRANSPORT_DENY_REASON).not.toBe('');
      for (const { label, statement } of broadDenies) {
        expect(isInsecureTransportGuard(statement), label).toBe(true);
      }
    });

    it('allows Resource `*` in identity policies only for the justified actions', () => {
      // Act
      const identity = statements.filter(
        ({ kind, statement }) => kind === DocumentKind.Identity && statement.Effect === 'Allow',
      );
      const wildcardActions = identity
        .filter(({ statement }) => hasWildcardResource(statement))
        .flatMap(({ statement }) => actionsOf(statement));
      const notResources = identity.filter(({ statement }) => statement.NotResource !== undefined);

      // Assess: exactly the list, so an entry the template no longer needs fails too.
      expect([...new Set(wildcardActions)].sort()).toEqual(Object.keys(JUSTIFIED_WILDCARD_ACTIONS).sort());
      expect(notResources.map(({ label }) => label)).toEqual([]);
    });

    it('allows Resource `*` in resource policies only inside key policies, where it is the key', () => {
      // Act
      const outsideKeys = statements
        .filter(({ kind, statement }) => kind === DocumentKind.Resource && hasWildcardResource(statement))
        .filter(({ statement }) => !(statement.Effect === 'Deny' && isInsecureTransportGuard(statement)))
        .map(({ label }) => label);

      // Assess
      expect(KEY_POLICY_RESOURCE_REASON).not.toBe('');
      expect(outsideKeys).toEqual([]);
    });

    it('gives every justification a reason', () => {
      for (const reasons of [JUSTIFIED_WILDCARD_ACTIONS, JUSTIFIED_SERVICE_WIDE_ALLOWS]) {
        for (const [entry, reason] of Object.entries(reasons)) {
          expect(reason.trim().length, entry).toBeGreaterThan(10);
        }
      }
    });

    it('opens a resource to everyone (Principal `*`) only under an organization, account or source condition', () => {
      // Act
      const open = statements.filter(
        ({ statement }) => statement.Effect === 'Allow' && isEveryone(statement.Principal),
      );

      // Assess
      expect(open.map(({ logicalId }) => logicalId)).toEqual(['DefaultBusOrganizationPolicy']);
      for (const { label, statement } of open) {
        expect(
          conditionKeys(statement).some((key) => NARROWING_CONDITION_KEYS.includes(key)),
          label,
        ).toBe(true);
      }
    });
  });

  describe('queue policies', () => {
    it('gives every queue a policy that refuses requests without TLS', () => {
      // Prepare
      const policies = ofType(resources, 'AWS::SQS::QueuePolicy');
      const queues = ofType(resources, 'AWS::SQS::Queue').map(([logicalId]) => logicalId);

      // Assess
      const covered = policies.flatMap(([, properties]) => asList(properties.Queues).map(refOf));
      expect(covered.sort()).toEqual([...queues].sort());
      for (const [logicalId] of policies) {
        const denies = statements.filter(
          (found) => found.logicalId === logicalId && found.statement.Effect === 'Deny',
        );
        expect(
          denies.some(({ statement }) => isInsecureTransportGuard(statement)),
          logicalId,
        ).toBe(true);
      }
    });

    it('lets only the rules that deliver to a queue send to it (aws:SourceArn), and nobody else', () => {
      // Prepare
      const policies = ofType(resources, 'AWS::SQS::QueuePolicy');

      // Assess
      for (const [logicalId, properties] of policies) {
        const [queue, ...others] = asList(properties.Queues).map(refOf);
        expect(others, logicalId).toEqual([]);
        const rules = rulesDeliveringTo(resources, String(queue));
        const own = statements.filter((found) => found.logicalId === logicalId);
        const allows = own.filter(({ statement }) => statement.Effect === 'Allow');
        if (rules.length === 0) {
          // A queue no rule delivers to (the sweep tasks) is used by this stack's roles only.
          expect(allows.map(({ label }) => label)).toEqual([]);
          continue;
        }
        expect(allows.length, logicalId).toBeGreaterThan(0);
        for (const { label, statement } of allows) {
          expect(statement.Principal, label).toEqual({ Service: 'events.amazonaws.com' });
          expect(actionsOf(statement), label).toEqual(['sqs:SendMessage']);
          expect(statement.Resource, label).toEqual(getAtt(String(queue)));
          const sourceArns = asList(statement.Condition?.ArnEquals?.['aws:SourceArn']);
          expect(sourceArns.map((arn) => JSON.stringify(arn)).sort(), label).toEqual(
            rules.map((rule) => JSON.stringify(getAtt(rule))).sort(),
          );
        }
        for (const { label, statement } of own.filter(({ statement }) => statement.Effect === 'Deny')) {
          expect(isInsecureTransportGuard(statement), label).toBe(true);
        }
      }
    });
  });

  describe('encryption at rest', () => {
    it('encrypts every queue (KMS or SQS-managed)', () => {
      // Prepare
      const queues = ofType(resources, 'AWS::SQS::Queue');

      // Assess
      expect(queues.length).toBeGreaterThan(0);
      for (const [logicalId, properties] of queues) {
        expect(
          properties.SqsManagedSseEnabled === true || properties.KmsMasterKeyId !== undefined,
          logicalId,
        ).toBe(true);
      }
    });

    it('encrypts every DynamoDB table', () => {
      // Prepare
      const tables = ofType(resources, 'AWS::DynamoDB::Table');

      // Assess
      expect(tables.length).toBeGreaterThan(0);
      for (const [logicalId, properties] of tables) {
        expect(properties.SSESpecification, logicalId).toMatchObject({ SSEEnabled: true });
      }
    });

    it('encrypts every SNS topic with a KMS key that rotates', () => {
      // Prepare
      const topics = ofType(resources, 'AWS::SNS::Topic');

      // Assess
      expect(topics.length).toBeGreaterThan(0);
      for (const [logicalId, properties] of topics) {
        expect(properties.KmsMasterKeyId, logicalId).toBeDefined();
        const key = refOf(properties.KmsMasterKeyId);
        if (key !== undefined) expect(resources[key]?.Properties?.EnableKeyRotation, key).toBe(true);
      }
    });

    it('encrypts every S3 bucket', () => {
      for (const [logicalId, properties] of ofType(resources, 'AWS::S3::Bucket')) {
        expect(properties.BucketEncryption, logicalId).toMatchObject({
          ServerSideEncryptionConfiguration: [expect.objectContaining({})],
        });
      }
    });
  });

  describe('logs', () => {
    it('sets a retention on every log group, and gives every function one', () => {
      // Prepare
      const groups = ofType(resources, 'AWS::Logs::LogGroup');
      const groupNames = groups.map(([, properties]) => properties.LogGroupName);
      const functionNames = ofType(resources, 'AWS::Lambda::Function').map(
        ([, properties]) => properties.FunctionName,
      );

      // Assess
      expect(functionNames.length).toBeGreaterThan(0);
      for (const name of functionNames) expect(groupNames).toContain(`/aws/lambda/${String(name)}`);
      for (const [logicalId, properties] of groups) {
        expect(properties.RetentionInDays, logicalId).toEqual(expect.any(Number));
        expect(properties.RetentionInDays as number, logicalId).toBeGreaterThan(0);
      }
    });
  });
});
