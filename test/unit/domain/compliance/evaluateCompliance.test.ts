import { describe, expect, it } from 'vitest';
import {
  ComplianceVerdict,
  evaluateCompliance,
  type InventoriedNamespace,
  isCompliant,
} from '../../../../src/domain/compliance/evaluateCompliance.js';
import type { CopyConfiguration } from '../../../../src/domain/copyConfiguration.js';
import { parsePolicy } from '../../../../src/policyFiles/parsePolicy.js';

const KEY = 'arn:aws:kms:us-west-2:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';

const policy = parsePolicy(`
version: 1
rules:
  - name: sandboxes
    match: { namespace: "sandbox-*" }
    skip: true
  - name: gold
    match: { namespace: "prod-*", tags: { dr-tier: gold } }
    copyTo: { region: us-west-2, kmsKeyId: "${KEY}", retentionDays: 30 }
    onExisting: update
  - name: kept
    match: { namespace: "keep-*" }
    copyTo: { region: us-west-2, retentionDays: 7 }
    onExisting: keep
  - name: reported
    match: { namespace: "report-*" }
    copyTo: { region: us-west-2, retentionDays: 7 }
    onExisting: report
  - name: analytics
    match: { namespace: "analytics-*" }
    copyTo: { region: us-west-2, retentionDays: 7 }
`);

function namespace(name: string, overrides: Partial<InventoriedNamespace> = {}): InventoriedNamespace {
  return {
    name,
    account: '111111111111',
    region: 'us-east-1',
    arn: `arn:aws:redshift-serverless:us-east-1:111111111111:namespace/${name}-id`,
    tags: {},
    ...overrides,
  };
}

function configuration(overrides: Partial<CopyConfiguration> = {}): CopyConfiguration {
  return { id: 'cfg-1', namespaceName: 'ns', region: 'us-west-2', retentionDays: 7, ...overrides };
}

describe('Function: evaluateCompliance', () => {
  it('returns missing, with the rule and what it wants, when the namespace has no copy configuration', () => {
    // Act
    const result = evaluateCompliance(namespace('analytics-a'), [], policy);

    // Assess
    expect(result).toEqual({
      verdict: ComplianceVerdict.Missing,
      rule: 'analytics',
      desired: { region: 'us-west-2', retentionDays: 7 },
      detail: 'no copy configuration; wants us-west-2, 7 days',
    });
  });

  it('returns protected when the configuration is the one the policy wants', () => {
    // Prepare
    const existing = configuration();

    // Act
    const result = evaluateCompliance(namespace('analytics-a'), [existing], policy);

    // Assess
    expect(result).toMatchObject({ verdict: ComplianceVerdict.Protected, rule: 'analytics', existing });
  });

  it('judges by the live tags: a gold namespace needs the customer key and 30 days', () => {
    // Prepare
    const gold = namespace('prod-sales', { tags: { 'dr-tier': 'gold' } });

    // Act
    const withKey = evaluateCompliance(gold, [configuration({ kmsKeyId: KEY, retentionDays: 30 })], policy);
    const untagged = evaluateCompliance(namespace('prod-sales'), [], policy);

    // Assess
    expect(withKey).toMatchObject({ verdict: ComplianceVerdict.Protected, rule: 'gold' });
    expect(untagged).toMatchObject({ verdict: ComplianceVerdict.Unmatched });
    expect(untagged.rule).toBeUndefined();
  });

  it('returns drift naming both regions when the namespace copies to another region', () => {
    // Act
    const result = evaluateCompliance(
      namespace('analytics-a'),
      [configuration({ region: 'eu-west-1' })],
      policy,
    );

    // Assess
    expect(result.verdict).toBe(ComplianceVerdict.Drift);
    expect(result.existing?.region).toBe('eu-west-1');
    expect(result.detail).toContain('copies to eu-west-1, policy wants us-west-2');
  });

  it('returns drift when the KMS key differs', () => {
    // Act
    const result = evaluateCompliance(
      namespace('prod-sales', { tags: { 'dr-tier': 'gold' } }),
      [configuration({ retentionDays: 30 })],
      policy,
    );

    // Assess
    expect(result.verdict).toBe(ComplianceVerdict.Drift);
    expect(result.detail).toContain('the key of a copy configuration cannot change');
  });

  it('returns drift that a request fixes when the retention differs and the rule says update', () => {
    // Act
    const result = evaluateCompliance(
      namespace('prod-sales', { tags: { 'dr-tier': 'gold' } }),
      [configuration({ kmsKeyId: KEY, retentionDays: -1 })],
      policy,
    );

    // Assess
    expect(result.verdict).toBe(ComplianceVerdict.Drift);
    expect(result.detail).toBe(
      'retention indefinite, policy wants 30 days: a request updates it (onExisting: update)',
    );
  });

  it('returns drift when the retention differs and the rule says report', () => {
    // Act
    const result = evaluateCompliance(namespace('report-a'), [configuration({ retentionDays: 1 })], policy);

    // Assess
    expect(result).toMatchObject({ verdict: ComplianceVerdict.Drift, rule: 'reported' });
    expect(result.detail).toContain('(onExisting: report)');
  });

  it('returns protected when the retention differs and the rule says keep', () => {
    // Act
    const result = evaluateCompliance(namespace('keep-a'), [configuration({ retentionDays: 1 })], policy);

    // Assess
    expect(result).toMatchObject({ verdict: ComplianceVerdict.Protected, rule: 'kept' });
    expect(result.detail).toContain('kept (onExisting: keep');
  });

  it('returns skipped with the rule, and shows a configuration the namespace has anyway', () => {
    // Prepare
    const existing = configuration({ region: 'eu-west-1' });

    // Act
    const result = evaluateCompliance(namespace('sandbox-1'), [existing], policy);

    // Assess
    expect(result).toEqual({
      verdict: ComplianceVerdict.Skipped,
      rule: 'sandboxes',
      existing,
      detail: 'rule "sandboxes" says skip',
    });
  });

  it('returns skipped for a namespace being deleted, whatever the policy says', () => {
    // Act
    const result = evaluateCompliance(namespace('analytics-a', { status: 'DELETING' }), [], policy);

    // Assess
    expect(result).toMatchObject({
      verdict: ComplianceVerdict.Skipped,
      detail: 'the namespace is being deleted',
    });
  });

  it('returns invalid when the matching rule copies to the namespace own region', () => {
    // Act
    const result = evaluateCompliance(namespace('analytics-a', { region: 'us-west-2' }), [], policy);

    // Assess
    expect(result).toMatchObject({ verdict: ComplianceVerdict.Invalid, rule: 'analytics' });
    expect(result.detail).toContain('a snapshot cannot be copied to its own region');
  });
});

describe('Function: isCompliant', () => {
  it.each([
    [ComplianceVerdict.Protected, true],
    [ComplianceVerdict.Skipped, true],
    [ComplianceVerdict.Unmatched, true],
    [ComplianceVerdict.Missing, false],
    [ComplianceVerdict.Drift, false],
    [ComplianceVerdict.Invalid, false],
  ])('returns %s → %s', (verdict, expected) => {
    // Act & Assess
    expect(isCompliant(verdict)).toBe(expected);
  });
});
