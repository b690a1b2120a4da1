import { describe, expect, it } from 'vitest';
import {
  accountOfRoleArn,
  KMS_ARN_PATTERN,
  parseNamespaceArn,
  parseQueueArn,
  REGION_CODE_PATTERN,
  regionOfEventBusArn,
} from '../../../src/domain/identifiers.js';

describe('Function: parseNamespaceArn', () => {
  it.each([
    [
      'arn:aws:redshift-serverless:us-east-1:111111111111:namespace/0f6e2a52-3d1c-4a8e-9b7f-2c5d1e4a9b10',
      {
        partition: 'aws',
        region: 'us-east-1',
        account: '111111111111',
        namespaceId: '0f6e2a52-3d1c-4a8e-9b7f-2c5d1e4a9b10',
      },
    ],
    [
      'arn:aws-cn:redshift-serverless:cn-north-1:222222222222:namespace/abc',
      { partition: 'aws-cn', region: 'cn-north-1', account: '222222222222', namespaceId: 'abc' },
    ],
  ])('splits %s', (arn, parts) => {
    // Act & Assess
    expect(parseNamespaceArn(arn)).toEqual(parts);
  });

  it.each([
    ['a workgroup ARN', 'arn:aws:redshift-serverless:us-east-1:111111111111:workgroup/abc'],
    ['an account of 11 digits', 'arn:aws:redshift-serverless:us-east-1:11111111111:namespace/abc'],
    ['a provisioned cluster', 'arn:aws:redshift:us-east-1:111111111111:namespace:abc'],
    ['a name', 'prod-sales'],
  ])('answers undefined for %s', (_case, arn) => {
    // Act & Assess
    expect(parseNamespaceArn(arn)).toBeUndefined();
  });
});

describe('Function: parseQueueArn', () => {
  it('splits a queue ARN and refuses anything else', () => {
    // Act & Assess
    expect(parseQueueArn('arn:aws:sqs:eu-west-1:111111111111:copy-autopilot-dev-requests')).toEqual({
      partition: 'aws',
      region: 'eu-west-1',
      account: '111111111111',
      name: 'copy-autopilot-dev-requests',
    });
    expect(parseQueueArn('https://sqs.eu-west-1.amazonaws.com/111111111111/q')).toBeUndefined();
  });
});

describe('Function: accountOfRoleArn', () => {
  it.each([
    ['arn:aws:iam::222222222222:role/copy-autopilot-member', '222222222222'],
    ['arn:aws-us-gov:iam::333333333333:role/path/copy-autopilot-member', '333333333333'],
    ['arn:aws:iam::222222222222:user/someone', undefined],
    ['copy-autopilot-member', undefined],
  ])('reads the account of %s', (arn, account) => {
    // Act & Assess
    expect(accountOfRoleArn(arn)).toBe(account);
  });
});

describe('Function: regionOfEventBusArn', () => {
  it.each([
    ['arn:aws:events:eu-west-1:111111111111:event-bus/copy-autopilot-dev', 'eu-west-1'],
    ['arn:aws:events:us-east-1:111111111111:rule/copy-autopilot-dev', undefined],
    ['default', undefined],
  ])('reads the region of %s', (arn, region) => {
    // Act & Assess
    expect(regionOfEventBusArn(arn)).toBe(region);
  });
});

describe('Constant: KMS_ARN_PATTERN', () => {
  it.each([
    ['arn:aws:kms:us-west-2:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab', true],
    ['arn:aws-cn:kms:cn-northwest-1:111111111111:alias/copies', true],
    ['arn:aws-us-gov:kms:us-gov-west-1:111111111111:key/1234', true],
    ['arn:aws-iso-b:kms:us-isob-east-1:111111111111:key/1234', true],
    ['arn:aws-eusc:kms:eusc-de-east-1:111111111111:alias/copies', true],
    ['arn:aws-iso-z:kms:us-isoz-east-1:111111111111:key/1234', false],
    ['arn:aws:kms:us-west-2:111111111111:grant/1234', false],
  ])('matches only key and alias ARNs in the partitions the project knows: %s', (arn, matches) => {
    // Act & Assess
    expect(KMS_ARN_PATTERN.test(arn)).toBe(matches);
  });
});

describe('Constant: REGION_CODE_PATTERN', () => {
  it.each([
    ['us-east-1', true],
    ['us-gov-west-1', true],
    ['eusc-de-east-1', true],
    ['us-isob-east-1', true],
    ['ap-southeast-7', true],
    ['useast1', false],
    ['us-east', false],
    ['US-EAST-1', false],
  ])('tells the shape of a region code: %s', (region, matches) => {
    // Act & Assess
    expect(REGION_CODE_PATTERN.test(region)).toBe(matches);
  });
});
