import { describe, expect, it } from 'vitest';
import { checkShape } from '../../../../src/local/serviceModel/checkShape.js';
import {
  coralValidationMessage,
  serializationMessage,
} from '../../../../src/local/serviceModel/coralMessages.js';
import { loadServiceModel, ServiceModelError } from '../../../../src/local/serviceModel/serviceModel.js';

/** A small model with one of each kind of constraint, in botocore's format. */
const MODEL = loadServiceModel({
  metadata: { apiVersion: '2020-01-01', protocol: 'json' },
  operations: { Put: { name: 'Put', input: { shape: 'PutRequest' } } },
  shapes: {
    PutRequest: {
      type: 'structure',
      required: ['Name'],
      members: {
        Name: { shape: 'Name' },
        Count: { shape: 'Count' },
        Mode: { shape: 'Mode' },
        Secret: { shape: 'Secret' },
        Items: { shape: 'Items' },
        Labels: { shape: 'Labels' },
        Nested: { shape: 'Nested' },
        Flag: { shape: 'Flag' },
      },
    },
    Name: { type: 'string', min: 3, max: 5, pattern: '[a-z]+' },
    Count: { type: 'integer', min: 1, max: 10 },
    Mode: { type: 'string', enum: ['ON', 'OFF'] },
    Secret: { type: 'string', min: 8, sensitive: true },
    Items: { type: 'list', member: { shape: 'Mode' }, max: 2 },
    Labels: { type: 'map', key: { shape: 'LabelKey' }, value: { shape: 'LabelValue' }, max: 3 },
    LabelKey: { type: 'string', min: 1, max: 4 },
    LabelValue: { type: 'string', max: 2 },
    Nested: { type: 'structure', required: ['Inner'], members: { Inner: { shape: 'Name' } } },
    Flag: { type: 'boolean' },
  },
});
const PUT = { shape: 'PutRequest' };

describe('Function: checkShape', () => {
  it('finds nothing wrong with a valid value', () => {
    // Act
    const check = checkShape(MODEL, PUT, { Name: 'abc', Count: 10, Mode: 'ON', Items: ['OFF'], Flag: true });

    // Assess
    expect(check).toEqual({ violations: [] });
  });

  it('reports a missing required member as Member must not be null, at any depth', () => {
    // Act
    const check = checkShape(MODEL, PUT, { Nested: {} });

    // Assess
    expect(coralValidationMessage(check.violations)).toBe(
      "2 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'nested.inner' failed to satisfy constraint: Member must not be null",
    );
  });

  it('reports each broken constraint of a value in Coral wording', () => {
    // Act
    const check = checkShape(MODEL, PUT, { Name: 'A', Count: 0, Mode: 'MAYBE' });

    // Assess
    expect(coralValidationMessage(check.violations)).toBe(
      "4 validation errors detected: Value 'A' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 3; " +
        "Value 'A' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z]+; " +
        "Value '0' at 'count' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
        "Value 'MAYBE' at 'mode' failed to satisfy constraint: Member must satisfy enum value set: [ON, OFF]",
    );
  });

  it('matches a pattern against the whole value, as Java does', () => {
    // Act
    const check = checkShape(MODEL, PUT, { Name: 'ab1' });

    // Assess
    expect(check.violations.map((violation) => violation.constraint.kind)).toEqual(['pattern']);
  });

  it('never shows the value of a sensitive member', () => {
    // Act
    const check = checkShape(MODEL, PUT, { Name: 'abc', Secret: 'short' });

    // Assess
    expect(coralValidationMessage(check.violations)).toBe(
      "1 validation error detected: Value at 'secret' failed to satisfy constraint: Member must have length greater than or equal to 8",
    );
  });
});

describe('Function: checkShape, on lists, maps and JSON types', () => {
  it('numbers list elements from 1 and shows a list as Java does', () => {
    // Act
    const check = checkShape(MODEL, PUT, { Name: 'abc', Items: ['ON', 'X', 'OFF'] });

    // Assess
    expect(coralValidationMessage(check.violations)).toBe(
      "2 validation errors detected: Value '[ON, X, OFF]' at 'items' failed to satisfy constraint: Member must have length less than or equal to 2; " +
        "Value 'X' at 'items.2.member' failed to satisfy constraint: Member must satisfy enum value set: [ON, OFF]",
    );
  });

  it('reports map keys and values once per map, listing what their shapes declare', () => {
    // Act
    const check = checkShape(MODEL, PUT, { Name: 'abc', Labels: { toolong: 'v', '': 'vvv', ok: 'vvv' } });

    // Assess
    expect(coralValidationMessage(check.violations)).toBe(
      "2 validation errors detected: Value '{toolong=v, =vvv, ok=vvv}' at 'labels' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 4, Member must have length greater than or equal to 1]; " +
        "Value '{toolong=v, =vvv, ok=vvv}' at 'labels' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 2]",
    );
  });

  it('stops at the first value of the wrong JSON type', () => {
    // Act
    const check = checkShape(MODEL, PUT, { Name: 'A', Count: '3', Flag: 'yes' });

    // Assess
    expect(check.violations).toEqual([]);
    expect(check.typeMismatch === undefined ? undefined : serializationMessage(check.typeMismatch)).toBe(
      "Unexpected value type for 'count': expected an integer",
    );
  });

  it('ignores members the model does not declare', () => {
    // Act
    const check = checkShape(MODEL, PUT, { Name: 'abc', Unknown: 42 });

    // Assess
    expect(check.violations).toEqual([]);
  });
});

describe('Function: loadServiceModel', () => {
  it('applies documented amendments: bounds on a shape, another shape for a member', () => {
    // Act
    const amended = loadServiceModel(
      {
        metadata: { apiVersion: '2020-01-01', protocol: 'json' },
        operations: {},
        shapes: {
          Request: {
            type: 'structure',
            members: { Password: { shape: 'Password' }, Mode: { shape: 'Open' } },
          },
          Password: { type: 'string' },
          Open: { type: 'string' },
          Closed: { type: 'string', enum: ['A'] },
        },
      },
      [
        { kind: 'constrain', shape: 'Password', min: 8, source: 'test' },
        { kind: 'retarget', structure: 'Request', member: 'Mode', shape: 'Closed', source: 'test' },
      ],
    );
    const check = checkShape(amended, { shape: 'Request' }, { Password: 'x', Mode: 'B' });

    // Assess
    expect(check.violations.map((violation) => violation.constraint.kind)).toEqual(['minLength', 'enum']);
  });

  it('refuses a file that is not a service model, and a dangling shape reference', () => {
    // Act
    const notModel = () => loadServiceModel({ hello: 'world' });
    const dangling = () =>
      loadServiceModel({
        metadata: { apiVersion: '1', protocol: 'json' },
        operations: {},
        shapes: { A: { type: 'list', member: { shape: 'Missing' } } },
      });

    // Assess
    expect(notModel).toThrow(ServiceModelError);
    expect(dangling).toThrow(/no shape Missing/);
  });
});
