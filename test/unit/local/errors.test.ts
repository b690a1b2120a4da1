import { describe, expect, it } from 'vitest';
import { InvalidDeclarationError } from '../../../src/local/accounts/errors.js';
import { LocalCloudError } from '../../../src/local/errors.js';
import { InvalidFaultRuleError } from '../../../src/local/faults/errors.js';
import { AwsServiceError } from '../../../src/local/protocol/serviceError.js';
import { TemplateError } from '../../../src/local/runner/cloudFormation/errors.js';
import { InvalidEventPatternError } from '../../../src/local/services/events/pattern/InvalidEventPatternError.js';

describe('Class: LocalCloudError', () => {
  it('names itself and keeps its cause', () => {
    // Prepare
    const cause = new Error('socket closed');

    // Act
    const error = new LocalCloudError('deploy failed', { cause });

    // Assess
    expect(error.name).toBe('LocalCloudError');
    expect(error.message).toBe('deploy failed');
    expect(error.cause).toBe(cause);
  });

  it.each([
    ['AwsServiceError', new AwsServiceError('ValidationException', 'bad')],
    ['TemplateError', new TemplateError('no such resource', 'Queue')],
    ['InvalidFaultRuleError', new InvalidFaultRuleError('operation', 'is required')],
    ['InvalidEventPatternError', new InvalidEventPatternError('Unrecognized match type xyz')],
    ['InvalidDeclarationError', new InvalidDeclarationError('id', 'must be 12 digits')],
  ])('is the base of the local cloud’s %s', (name, error) => {
    // Assess
    expect(error).toBeInstanceOf(LocalCloudError);
    expect(error.name).toBe(name);
  });
});
