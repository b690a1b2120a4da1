import { describe, expect, it } from 'vitest';
import { jsonError, parseJsonBody, toServiceError } from '../../../src/local/protocol/jsonProtocol.js';
import { queryError, queryParams } from '../../../src/local/protocol/queryProtocol.js';
import { regionFromRequest } from '../../../src/local/protocol/regionFromRequest.js';
import { routeRequest } from '../../../src/local/protocol/routeRequest.js';
import { AwsServiceError } from '../../../src/local/protocol/serviceError.js';

const none = new URLSearchParams();

describe('Function: routeRequest', () => {
  it('routes a JSON protocol call by the X-Amz-Target prefix', () => {
    // Act
    const route = routeRequest('POST', '/', { 'x-amz-target': 'RedshiftServerless.CreateNamespace' }, none);

    // Assess
    expect(route).toEqual({ kind: 'json', targetPrefix: 'RedshiftServerless', operation: 'CreateNamespace' });
  });

  it('routes DynamoDB targets apart, without needing the body', () => {
    // Act
    const route = routeRequest('POST', '/', { 'x-amz-target': 'DynamoDB_20120810.PutItem' }, none);

    // Assess
    expect(route).toEqual({ kind: 'dynamodb', operation: 'PutItem' });
  });

  it('routes the control API by path, whatever the headers say', () => {
    // Act
    const route = routeRequest('GET', '/_local/health', { 'x-amz-target': 'AWSEvents.PutEvents' }, none);

    // Assess
    expect(route).toEqual({ kind: 'control', path: '/_local/health' });
  });

  it.each([
    [
      'a form POST',
      'POST',
      '/',
      { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      none,
    ],
    ['a GET with Action', 'GET', '/', {}, new URLSearchParams('Action=ListQueues')],
    ['a request to a queue URL', 'POST', '/000000000000/requests', {}, none],
  ])('routes %s to the query protocol', (_name, method, path, headers, params) => {
    // Act
    const route = routeRequest(method, path, headers, params);

    // Assess
    expect(route).toEqual({ kind: 'query' });
  });

  it('marks a request with neither target nor Action as unknown', () => {
    // Act
    const route = routeRequest('POST', '/', { 'content-type': 'application/json' }, none);

    // Assess
    expect(route.kind).toBe('unknown');
  });

  it('marks a target without an operation as unknown', () => {
    // Act
    const route = routeRequest('POST', '/', { 'x-amz-target': 'RedshiftServerless' }, none);

    // Assess
    expect(route.kind).toBe('unknown');
  });
});

describe('Function: regionFromRequest', () => {
  it('reads the region from the SigV4 credential scope', () => {
    // Prepare
    const authorization =
      'AWS4-HMAC-SHA256 Credential=AKID/20261125/us-west-2/sqs/aws4_request, SignedHeaders=host, Signature=abc';

    // Act
    const region = regionFromRequest({ authorization });

    // Assess
    expect(region).toBe('us-west-2');
  });

  it('reads the region of a presigned URL', () => {
    // Act
    const region = regionFromRequest(
      {},
      new URLSearchParams({ 'X-Amz-Credential': 'AKID/20261125/eu-central-1/sqs/aws4_request' }),
    );

    // Assess
    expect(region).toBe('eu-central-1');
  });

  it('falls back to us-east-1 for unsigned requests', () => {
    // Act
    const region = regionFromRequest({ authorization: 'Bearer something' });

    // Assess
    expect(region).toBe('us-east-1');
  });
});

describe('Function: jsonError', () => {
  it('writes __type and message with the error status', () => {
    // Act
    const response = jsonError(
      new AwsServiceError('InternalServerException', 'boom', { statusCode: 500 }),
      'application/x-amz-json-1.1',
    );

    // Assess
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body)).toEqual({ __type: 'InternalServerException', message: 'boom' });
    expect(response.headers['x-amzn-query-error']).toBeUndefined();
  });

  it('adds the namespaced type and query error header for query-compatible services', () => {
    // Prepare
    const error = new AwsServiceError('QueueDoesNotExist', 'The specified queue does not exist.', {
      queryCode: 'AWS.SimpleQueueService.NonExistentQueue',
    });

    // Act
    const response = jsonError(error, 'application/x-amz-json-1.0', {
      typeNamespace: 'com.amazonaws.sqs',
      queryCompatible: true,
    });

    // Assess
    expect(JSON.parse(response.body).__type).toBe('com.amazonaws.sqs#QueueDoesNotExist');
    expect(response.headers['x-amzn-query-error']).toBe('AWS.SimpleQueueService.NonExistentQueue;Sender');
  });

  it('turns unexpected errors into a 500 InternalFailure', () => {
    // Act
    const error = toServiceError(new TypeError('bug'));

    // Assess
    expect(error.code).toBe('InternalFailure');
    expect(error.statusCode).toBe(500);
  });
});

describe('Function: parseJsonBody', () => {
  it('answers malformed JSON with SerializationException', () => {
    // Act & Assess
    expect(() => parseJsonBody(Buffer.from('{nope'))).toThrow(
      expect.objectContaining({ code: 'SerializationException' }),
    );
  });

  it('reads an empty body as no input', () => {
    // Act & Assess
    expect(parseJsonBody(Buffer.alloc(0))).toEqual({});
  });
});

describe('Function: queryParams', () => {
  it('overlays form fields on the query string', () => {
    // Act
    const params = queryParams(
      new URLSearchParams('Action=ListQueues&Version=1'),
      Buffer.from('Action=SendMessage'),
    );

    // Assess
    expect(params.get('Action')).toBe('SendMessage');
    expect(params.get('Version')).toBe('1');
  });
});

describe('Function: queryError', () => {
  it('renders the query XML envelope with the query code and fault side', () => {
    // Act
    const response = queryError(new AwsServiceError('ThrottlingException', 'Rate <exceeded>'), 'req-1');

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<Type>Sender</Type><Code>ThrottlingException</Code>');
    expect(response.body).toContain('Rate &lt;exceeded&gt;');
    expect(response.body).toContain('<RequestId>req-1</RequestId>');
  });
});
