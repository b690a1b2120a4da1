import { beforeEach, describe, expect, it } from 'vitest';
import { md5OfMessageAttributes } from '../../../src/local/services/sqs/messageMd5.js';
import { useSqsOnly } from './useSqsOnly.js';

/** Text of every `<tag>` in an XML document, in order. */
const all = (xml: string, tag: string): string[] =>
  [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((match) => match[1] ?? '');
const first = (xml: string, tag: string): string | undefined => all(xml, tag)[0];

const sqs = useSqsOnly();
let queueUrl: string;
beforeEach(async () => {
  const created = await sqs.query({
    Action: 'CreateQueue',
    QueueName: 'legacy',
    'Attribute.1.Name': 'VisibilityTimeout',
    'Attribute.1.Value': '20',
  });
  queueUrl = first(created.body, 'QueueUrl') ?? '';
});

describe('Local SQS: query protocol responses', () => {
  it('answers CreateQueue with the XML shape of API 2012-11-05', async () => {
    // Act
    const response = await sqs.query({ Action: 'GetQueueUrl', QueueName: 'legacy' });

    // Assess
    expect(response.status).toBe(200);
    expect(response.contentType).toContain('text/xml');
    expect(response.body).toMatch(
      /^<\?xml version="1.0"\?><GetQueueUrlResponse xmlns="http:\/\/queue.amazonaws.com\/doc\/2012-11-05\/"><GetQueueUrlResult><QueueUrl>/,
    );
    expect(first(response.body, 'QueueUrl')).toBe(`${sqs.endpoint}/000000000000/legacy`);
    expect(first(response.body, 'RequestId')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports queue attributes as Attribute Name/Value pairs', async () => {
    // Act
    const response = await sqs.query({
      Action: 'GetQueueAttributes',
      QueueUrl: queueUrl,
      'AttributeName.1': 'VisibilityTimeout',
      'AttributeName.2': 'QueueArn',
    });

    // Assess
    expect(all(response.body, 'Attribute')).toEqual([
      '<Name>VisibilityTimeout</Name><Value>20</Value>',
      '<Name>QueueArn</Name><Value>arn:aws:sqs:us-east-1:000000000000:legacy</Value>',
    ]);
  });

  it('sends with message attributes and receives them back with system attributes', async () => {
    // Prepare
    const body = 'line one\r\nline <two> & "three"';
    const sent = await sqs.query({
      Action: 'SendMessage',
      QueueUrl: queueUrl,
      MessageBody: body,
      'MessageAttribute.1.Name': 'kind',
      'MessageAttribute.1.Value.DataType': 'String',
      'MessageAttribute.1.Value.StringValue': 'test',
      'MessageAttribute.2.Name': 'raw',
      'MessageAttribute.2.Value.DataType': 'Binary',
      'MessageAttribute.2.Value.BinaryValue': Buffer.from([1, 2, 3]).toString('base64'),
    });

    // Act
    const received = await sqs.query({
      Action: 'ReceiveMessage',
      QueueUrl: queueUrl,
      'AttributeName.1': 'All',
      'MessageAttributeName.1': 'All',
      MaxNumberOfMessages: '5',
    });

    // Assess
    const expectedDigest = md5OfMessageAttributes({
      kind: { DataType: 'String', StringValue: 'test' },
      raw: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2, 3]).toString('base64') },
    });
    expect(first(sent.body, 'MD5OfMessageAttributes')).toBe(expectedDigest);
    expect(first(sent.body, 'MessageId')).toBe(first(received.body, 'MessageId'));
    expect(first(received.body, 'Body')).toBe('line one&#xD;\nline &lt;two&gt; &amp; &quot;three&quot;');
    expect(first(received.body, 'MD5OfMessageAttributes')).toBe(expectedDigest);
    expect(all(received.body, 'Attribute')).toContain('<Name>ApproximateReceiveCount</Name><Value>1</Value>');
    expect(all(received.body, 'MessageAttribute')).toEqual([
      '<Name>kind</Name><Value><DataType>String</DataType><StringValue>test</StringValue></Value>',
      '<Name>raw</Name><Value><DataType>Binary</DataType><BinaryValue>AQID</BinaryValue></Value>',
    ]);
    expect(first(received.body, 'ReceiptHandle')).toBeTruthy();
  });

  it('answers an empty receive with an empty result element', async () => {
    // Act
    const response = await sqs.query({ Action: 'ReceiveMessage', QueueUrl: queueUrl });

    // Assess
    expect(response.body).toContain('<ReceiveMessageResult></ReceiveMessageResult>');
  });
});

describe('Local SQS: query protocol batches and deletes', () => {
  it('runs batches from numbered entries and lists failures as BatchResultErrorEntry', async () => {
    // Act
    const response = await sqs.query({
      Action: 'SendMessageBatch',
      QueueUrl: queueUrl,
      'SendMessageBatchRequestEntry.1.Id': 'one',
      'SendMessageBatchRequestEntry.1.MessageBody': 'first',
      'SendMessageBatchRequestEntry.2.Id': 'two',
      'SendMessageBatchRequestEntry.2.MessageBody': 'second',
      'SendMessageBatchRequestEntry.2.DelaySeconds': '901',
    });

    // Assess
    expect(all(response.body, 'SendMessageBatchResultEntry').map((entry) => first(entry, 'Id'))).toEqual([
      'one',
    ]);
    const failure = all(response.body, 'BatchResultErrorEntry')[0] ?? '';
    expect(first(failure, 'Id')).toBe('two');
    expect(first(failure, 'SenderFault')).toBe('true');
    expect(first(failure, 'Code')).toBe('InvalidParameterValue');
  });

  it('deletes with DeleteMessage and answers with a bare response', async () => {
    // Prepare
    await sqs.query({ Action: 'SendMessage', QueueUrl: queueUrl, MessageBody: 'x' });
    const received = await sqs.query({ Action: 'ReceiveMessage', QueueUrl: queueUrl });

    // Act
    const response = await sqs.query({
      Action: 'DeleteMessage',
      QueueUrl: queueUrl,
      ReceiptHandle: first(received.body, 'ReceiptHandle') ?? '',
    });

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toMatch(/<DeleteMessageResponse [^>]+><ResponseMetadata>/);
    expect(sqs.service.peek('legacy')).toEqual([]);
  });

  it('takes the queue from the request path when QueueUrl is left out', async () => {
    // Act
    const response = await sqs.query(
      { Action: 'SendMessage', MessageBody: 'by path' },
      '/000000000000/legacy',
    );

    // Assess
    expect(response.status).toBe(200);
    expect(sqs.service.peek('legacy').map((message) => message.body)).toEqual(['by path']);
  });
});

describe('Local SQS: query protocol errors', () => {
  it('answers a missing queue with an ErrorResponse carrying the legacy code', async () => {
    // Act
    const response = await sqs.query({ Action: 'GetQueueUrl', QueueName: 'nope' });

    // Assess
    expect(response.status).toBe(400);
    expect(response.body).toContain(
      '<ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><Error><Type>Sender</Type>' +
        '<Code>AWS.SimpleQueueService.NonExistentQueue</Code>' +
        '<Message>The specified queue does not exist for this wsdl version.</Message><Detail/></Error>',
    );
  });

  it('answers an unknown action and a missing parameter with InvalidAction and MissingParameter', async () => {
    // Act
    const unknown = await sqs.query({ Action: 'MakeCoffee' });
    const missing = await sqs.query({ Action: 'SendMessage', QueueUrl: queueUrl });

    // Assess
    expect(first(unknown.body, 'Code')).toBe('InvalidAction');
    expect(first(missing.body, 'Code')).toBe('MissingParameter');
    expect(first(missing.body, 'Message')).toBe('The request must contain the parameter MessageBody.');
  });

  it('refuses a non-numeric integer parameter', async () => {
    // Act
    const response = await sqs.query({
      Action: 'ReceiveMessage',
      QueueUrl: queueUrl,
      WaitTimeSeconds: 'soon',
    });

    // Assess
    expect(response.status).toBe(400);
    expect(first(response.body, 'Code')).toBe('InvalidParameterValue');
  });
});
