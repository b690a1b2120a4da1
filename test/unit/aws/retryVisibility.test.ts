import { describe, expect, it } from 'vitest';
import { QueueArnError, queueUrlFromArn } from '../../../src/aws/retryVisibility.js';

describe('Function: queueUrlFromArn', () => {
  it.each([
    [
      'arn:aws:sqs:us-east-1:111111111111:requests',
      'https://sqs.us-east-1.amazonaws.com/111111111111/requests',
    ],
    [
      'arn:aws-cn:sqs:cn-north-1:111111111111:requests',
      'https://sqs.cn-north-1.amazonaws.com.cn/111111111111/requests',
    ],
    [
      'arn:aws-us-gov:sqs:us-gov-west-1:111111111111:requests',
      'https://sqs.us-gov-west-1.amazonaws.com/111111111111/requests',
    ],
    [
      'arn:aws-eusc:sqs:eusc-de-east-1:111111111111:requests',
      'https://sqs.eusc-de-east-1.amazonaws.eu/111111111111/requests',
    ],
    [
      'arn:aws-iso-b:sqs:us-isob-east-1:111111111111:requests',
      'https://sqs.us-isob-east-1.sc2s.sgov.gov/111111111111/requests',
    ],
  ])('derives the URL of %s in its partition’s domain', (arn, url) => {
    // Act & Assess
    expect(queueUrlFromArn(arn)).toBe(url);
  });

  it('derives the URL against a configured endpoint, and refuses what is not a queue ARN', () => {
    // Act & Assess
    expect(queueUrlFromArn('arn:aws:sqs:us-east-1:111111111111:requests', 'http://127.0.0.1:4566/')).toBe(
      'http://127.0.0.1:4566/111111111111/requests',
    );
    expect(() => queueUrlFromArn('arn:aws:sns:us-east-1:111111111111:topic')).toThrow(QueueArnError);
  });
});
