import { describe, expect, it } from 'vitest';
import { ServiceModelError, trimServiceModel } from '../../../../src/local/serviceModel/trimServiceModel.js';
import type { ServiceModel } from '../../../../src/local/serviceModel/types.js';

const MODEL: ServiceModel = {
  metadata: { apiVersion: '2020-01-01', protocol: 'json' },
  operations: {
    Keep: {
      name: 'Keep',
      input: { shape: 'KeepRequest' },
      errors: [{ shape: 'Oops' }],
      documentation: '<p>docs</p>',
    },
    Drop: { name: 'Drop', input: { shape: 'DropRequest' } },
  },
  shapes: {
    KeepRequest: {
      type: 'structure',
      members: { Items: { shape: 'Items', documentation: 'member docs' } as never },
      documentation: 'docs',
    },
    Items: { type: 'list', member: { shape: 'Item' } },
    Item: { type: 'string', max: 3 },
    Oops: { type: 'structure', members: {}, exception: true },
    DropRequest: { type: 'structure', members: {} },
  },
};

describe('Function: trimServiceModel', () => {
  it('keeps the named operations and every shape they reach, without documentation', () => {
    // Act
    const trimmed = trimServiceModel(MODEL, ['Keep']);

    // Assess
    expect(Object.keys(trimmed.operations)).toEqual(['Keep']);
    expect(Object.keys(trimmed.shapes)).toEqual(['Item', 'Items', 'KeepRequest', 'Oops']);
    expect(JSON.stringify(trimmed)).not.toContain('docs');
  });

  it('refuses an operation the model does not have', () => {
    // Act
    const act = () => trimServiceModel(MODEL, ['Missing']);

    // Assess
    expect(act).toThrow(ServiceModelError);
  });
});
