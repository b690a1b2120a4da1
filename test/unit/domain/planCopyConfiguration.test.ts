import { describe, expect, it } from 'vitest';
import { AWS_OWNED_KMS_KEY, type CopyConfiguration } from '../../../src/domain/copyConfiguration.js';
import { type CopyPlanInput, planCopyConfiguration } from '../../../src/domain/planCopyConfiguration.js';

const KEY = 'arn:aws:kms:us-west-2:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function existing(overrides: Partial<CopyConfiguration> = {}): CopyConfiguration {
  return {
    id: 'cfg-1',
    namespaceName: 'prod-sales',
    region: 'us-west-2',
    retentionDays: 7,
    ...overrides,
  };
}

function desired(
  overrides: Partial<CopyPlanInput['desired']> = {},
  onExisting: CopyPlanInput['onExisting'] = 'keep',
): CopyPlanInput {
  return { desired: { region: 'us-west-2', retentionDays: 7, ...overrides }, onExisting };
}

describe('Function: planCopyConfiguration', () => {
  it('plans a create when the namespace has no configuration', () => {
    // Act
    const action = planCopyConfiguration([], desired());

    // Assess
    expect(action).toEqual({ kind: 'create', desired: { region: 'us-west-2', retentionDays: 7 } });
  });

  it('plans nothing when a configuration with the same settings exists', () => {
    // Act
    const action = planCopyConfiguration([existing()], desired());

    // Assess
    expect(action).toEqual({ kind: 'none', existing: existing() });
  });

  it('treats AWS_OWNED_KMS_KEY as no key', () => {
    // Prepare
    const configurations = [existing({ kmsKeyId: AWS_OWNED_KMS_KEY })];

    // Act
    const action = planCopyConfiguration(configurations, desired());

    // Assess
    expect(action.kind).toBe('none');
  });

  it('plans nothing when the customer key matches', () => {
    // Act
    const action = planCopyConfiguration([existing({ kmsKeyId: KEY })], desired({ kmsKeyId: KEY }));

    // Assess
    expect(action.kind).toBe('none');
  });

  it('reports region drift when the namespace copies to another region', () => {
    // Prepare
    const other = existing({ region: 'eu-west-1' });

    // Act
    const action = planCopyConfiguration([other], desired({}, 'update'));

    // Assess
    expect(action).toMatchObject({ kind: 'drift', drift: 'region', existing: other });
  });

  it('reports key drift when the same region uses another key, even with onExisting update', () => {
    // Act
    const action = planCopyConfiguration([existing()], desired({ kmsKeyId: KEY }, 'update'));

    // Assess
    expect(action).toMatchObject({ kind: 'drift', drift: 'kms-key' });
  });

  it('plans a retention update when retention differs and onExisting is update', () => {
    // Act
    const action = planCopyConfiguration([existing({ retentionDays: 30 })], desired({}, 'update'));

    // Assess
    expect(action).toEqual({
      kind: 'update-retention',
      existing: existing({ retentionDays: 30 }),
      desired: { region: 'us-west-2', retentionDays: 7 },
    });
  });

  it('reports retention drift when retention differs and onExisting is report', () => {
    // Act
    const action = planCopyConfiguration([existing({ retentionDays: -1 })], desired({}, 'report'));

    // Assess
    expect(action).toMatchObject({ kind: 'drift', drift: 'retention' });
  });

  it('keeps a configuration whose retention differs when onExisting is keep', () => {
    // Act
    const action = planCopyConfiguration([existing({ retentionDays: 30 })], desired({}, 'keep'));

    // Assess
    expect(action).toMatchObject({ kind: 'keep' });
  });

  it('prefers the configuration to the desired region when several exist', () => {
    // Prepare
    const configurations = [existing({ id: 'other', region: 'eu-west-1' }), existing()];

    // Act
    const action = planCopyConfiguration(configurations, desired());

    // Assess
    expect(action).toEqual({ kind: 'none', existing: existing() });
  });
});
