import { describe, expect, it } from 'vitest';
import { readJsonPath } from '../../../src/local/services/events/jsonPath.js';
import { renderTargetInput } from '../../../src/local/services/events/targetInput.js';

const event = {
  version: '0',
  id: 'e-1',
  'detail-type': 'Snapshot Copy Requested',
  source: 'copy-autopilot',
  account: '111111111111',
  time: '2026-01-01T00:00:00Z',
  region: 'us-east-1',
  resources: ['arn:a', 'arn:b'],
  detail: { namespaceName: 'prod-sales', tags: [{ key: 'dr-tier', value: 'gold' }], 'dr-tier': 'gold' },
};
const rule = {
  ruleArn: 'arn:aws:events:us-east-1:111111111111:rule/r',
  ruleName: 'r',
  ingestionTime: '2026-01-01T00:00:01Z',
};

describe('Function: renderTargetInput', () => {
  it('sends the whole event as JSON when the target says nothing', () => {
    // Act
    const message = renderTargetInput({}, event, rule);

    // Assess
    expect(JSON.parse(message)).toEqual(event);
  });

  it('sends the constant Input unchanged', () => {
    // Act
    const message = renderTargetInput({ Input: '{"sweep":true}' }, event, rule);

    // Assess
    expect(message).toBe('{"sweep":true}');
  });

  it('fills a plain-text template with the values as text', () => {
    // Prepare
    const InputTransformer = {
      InputPathsMap: { name: '$.detail.namespaceName', first: '$.resources[0]' },
      InputTemplate: '<name> via <first> on <aws.events.rule-name>',
    };

    // Act
    const message = renderTargetInput({ InputTransformer }, event, rule);

    // Assess
    expect(message).toBe('prod-sales via arn:a on r');
  });

  it('puts objects as JSON outside strings and the whole event for <aws.events.event.json>', () => {
    // Prepare
    const InputTransformer = {
      InputPathsMap: { tags: '$.detail.tags' },
      InputTemplate:
        '{"tags": <tags>, "original": <aws.events.event.json>, "at": "<aws.events.event.ingestion-time>"}',
    };

    // Act
    const message = renderTargetInput({ InputTransformer }, event, rule);

    // Assess
    expect(JSON.parse(message)).toEqual({ tags: event.detail.tags, original: event, at: rule.ingestionTime });
  });

  it('keeps escaped quotes of the template intact', () => {
    // Prepare
    const InputTransformer = {
      InputPathsMap: { name: '$.detail.namespaceName' },
      InputTemplate: '{"text": "namespace \\"<name>\\" requested"}',
    };

    // Act
    const message = renderTargetInput({ InputTransformer }, event, rule);

    // Assess
    expect(JSON.parse(message)).toEqual({ text: 'namespace "prod-sales" requested' });
  });
});

describe('Function: readJsonPath', () => {
  it.each([
    ['$', event],
    ['$.detail.namespaceName', 'prod-sales'],
    ["$.detail['dr-tier']", 'gold'],
    ['$.detail.dr-tier', 'gold'],
    ['$.resources[1]', 'arn:b'],
    ['$.detail.tags[0].value', 'gold'],
    ['$.detail.tags[*].key', ['dr-tier']],
    ['$.detail.missing', undefined],
    ['$.resources[5]', undefined],
    ['detail', undefined],
  ])('reads %s', (path, expected) => {
    // Act
    const value = readJsonPath(event, path);

    // Assess
    expect(value).toEqual(expected);
  });
});
