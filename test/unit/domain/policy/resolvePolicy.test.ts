import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_REGIONS, AwsPartition } from '../../../../src/domain/awsRegions.js';
import {
  decisionDependsOnTags,
  type PolicySubject,
  resolvePolicy,
} from '../../../../src/domain/policy/resolvePolicy.js';
import { validatePolicy } from '../../../../src/domain/policy/validatePolicy.js';
import { parsePolicy } from '../../../../src/policyFiles/parsePolicy.js';

const ROOT = join(import.meta.dirname, '../../../..');

const subject = (overrides: Partial<PolicySubject> = {}): PolicySubject => ({
  name: 'prod-orders',
  account: '111111111111',
  region: 'us-east-1',
  tags: {},
  ...overrides,
});

const policy = validatePolicy({
  version: 1,
  rules: [
    { name: 'sandboxes', match: { namespace: 'sandbox-*' }, skip: true },
    {
      name: 'gold',
      match: { namespace: 'prod-*', tags: { 'dr-tier': 'gold' } },
      copyTo: { region: 'us-west-2', retentionDays: 30 },
      onExisting: 'update',
    },
    {
      name: 'owned',
      match: { tags: { owner: '*' }, accounts: ['222222222222'] },
      copyTo: { region: 'eu-central-1', retentionDays: 14 },
    },
    {
      name: 'ireland',
      match: { sourceRegions: ['eu-west-1'] },
      copyTo: { region: 'eu-west-2', retentionDays: 7 },
    },
  ],
});

describe('Function: resolvePolicy', () => {
  it('returns skip for a namespace the skip rule matches', () => {
    // Act
    const decision = resolvePolicy(policy, subject({ name: 'sandbox-alice' }));

    // Assess
    expect(decision).toEqual({ kind: 'skip', rule: policy.rules[0] });
  });

  it('returns the copy the first rule whose every condition holds wants', () => {
    // Act
    const decision = resolvePolicy(policy, subject({ tags: { 'dr-tier': 'gold', owner: 'team-a' } }));

    // Assess
    expect(decision).toEqual({
      kind: 'copy',
      rule: policy.rules[1],
      desired: { region: 'us-west-2', retentionDays: 30 },
    });
  });

  it('lets the first matching rule win over a later one that also matches', () => {
    // Prepare: both "gold" and "owned" match this namespace.
    const both = subject({ account: '222222222222', tags: { 'dr-tier': 'gold', owner: 'team-a' } });

    // Act
    const decision = resolvePolicy(policy, both);

    // Assess
    expect(decision.kind === 'copy' && decision.rule.name).toBe('gold');
  });

  it('requires the tag value to be equal', () => {
    // Act
    const decision = resolvePolicy(policy, subject({ tags: { 'dr-tier': 'silver' } }));

    // Assess
    expect(decision).toEqual({ kind: 'unmatched' });
  });

  it('matches any value of a tag given as "*", but not a missing tag', () => {
    // Act
    const present = resolvePolicy(policy, subject({ account: '222222222222', tags: { owner: '' } }));
    const missing = resolvePolicy(policy, subject({ account: '222222222222', tags: { Owner: 'x' } }));

    // Assess
    expect(present.kind === 'copy' && present.rule.name).toBe('owned');
    expect(missing).toEqual({ kind: 'unmatched' });
  });

  it('requires the account to be listed', () => {
    // Act
    const decision = resolvePolicy(policy, subject({ account: '333333333333', tags: { owner: 'team-a' } }));

    // Assess
    expect(decision).toEqual({ kind: 'unmatched' });
  });

  it('requires the region to be among the source regions', () => {
    // Act
    const inIreland = resolvePolicy(policy, subject({ region: 'eu-west-1' }));
    const inParis = resolvePolicy(policy, subject({ region: 'eu-west-3' }));

    // Assess
    expect(inIreland.kind === 'copy' && inIreland.rule.name).toBe('ireland');
    expect(inParis).toEqual({ kind: 'unmatched' });
  });

  it('returns unmatched when no rule matches', () => {
    // Act
    const decision = resolvePolicy(policy, subject({ name: 'staging-orders' }));

    // Assess
    expect(decision).toEqual({ kind: 'unmatched' });
  });

  it('returns unmatched for an empty policy', () => {
    // Act
    const decision = resolvePolicy(validatePolicy({ version: 1, rules: [] }), subject());

    // Assess
    expect(decision).toEqual({ kind: 'unmatched' });
  });

  it('returns invalid, naming the rule, when the rule would copy to the namespace own region', () => {
    // Act
    const decision = resolvePolicy(policy, subject({ region: 'us-west-2', tags: { 'dr-tier': 'gold' } }));

    // Assess
    expect(decision).toMatchObject({ kind: 'invalid', rule: policy.rules[1] });
    expect(decision.kind === 'invalid' && decision.message).toContain(
      'rule "gold" copies to us-west-2, the region namespace "prod-orders" is in',
    );
  });

  it('returns invalid when the rule would copy out of the namespace partition', () => {
    // Act
    const decision = resolvePolicy(policy, subject({ region: 'cn-north-1', tags: { 'dr-tier': 'gold' } }));

    // Assess
    expect(decision.kind === 'invalid' && decision.message).toContain(
      'namespace "prod-orders" is in cn-north-1 (partition aws-cn): snapshot copies stay inside their partition',
    );
  });

  it('never decides invalid with the project policy for a namespace in a commercial region', () => {
    // Prepare
    const projectPolicy = parsePolicy(readFileSync(join(ROOT, 'copy-policy.yml'), 'utf8'));
    const regions = Object.entries(AWS_REGIONS)
      .filter(([, partition]) => partition === AwsPartition.Aws)
      .map(([region]) => region);
    const namespaces: { name: string; tags: Record<string, string> }[] = [
      { name: 'sandbox-a', tags: {} },
      { name: 'prod-orders', tags: { 'dr-tier': 'gold' } },
      { name: 'prod-orders', tags: {} },
      { name: 'analytics', tags: {} },
    ];

    // Act
    const invalid = regions.flatMap((region) =>
      namespaces
        .map((ns) => resolvePolicy(projectPolicy, subject({ ...ns, region })))
        .filter((decision) => decision.kind === 'invalid'),
    );

    // Assess
    expect(invalid).toEqual([]);
  });
});

describe('Function: decisionDependsOnTags', () => {
  it('returns true when a rule with a tag condition is reached before any rule matches without tags', () => {
    // Act & Assess: "prod-*" reaches the gold rule, whose tags decide
    expect(decisionDependsOnTags(policy, subject({ name: 'prod-orders' }))).toBe(true);
  });

  it('returns false when a rule without tag conditions matches first', () => {
    // Act & Assess: sandboxes are decided by name alone
    expect(decisionDependsOnTags(policy, subject({ name: 'sandbox-x' }))).toBe(false);
  });

  it('returns false when every rule fails on something other than tags', () => {
    // Act & Assess: not prod-*, not in account 222222222222, not in eu-west-1
    expect(decisionDependsOnTags(policy, subject({ name: 'analytics' }))).toBe(false);
  });

  it('agrees with resolvePolicy: when it says tags do not matter, any tags give the same decision', () => {
    // Prepare
    const names = ['sandbox-a', 'analytics', 'prod-x'];
    const tagSets: Record<string, string>[] = [{}, { 'dr-tier': 'gold' }, { owner: 'me' }];

    // Act & Assess
    for (const name of names) {
      for (const account of ['111111111111', '222222222222']) {
        const base = subject({ name, account });
        if (decisionDependsOnTags(policy, base)) continue;
        const decisions = tagSets.map((tags) => resolvePolicy(policy, { ...base, tags }));
        for (const decision of decisions) expect(decision).toEqual(decisions[0]);
      }
    }
  });
});
