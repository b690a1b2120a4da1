import { queryIndexes } from '../../protocol/queryProtocol.js';
import type { PathSegment } from '../../serviceModel/constraints.js';
import type { SqsOperation } from './sqsOperations.js';

/**
 * How a member travels in an SQS query-protocol (form-encoded, API 2012-11-05) request. Lists
 * and maps are "flattened": `AttributeName.1`, `Attribute.1.Name` / `Attribute.1.Value`,
 * `SendMessageBatchRequestEntry.1.Id`, as the SQS model's xmlName/xmlFlattened traits say.
 */
type QueryField =
  | { readonly kind: 'string' }
  | { readonly kind: 'integer' }
  | { readonly kind: 'list'; readonly element: string }
  | { readonly kind: 'map'; readonly element: string; readonly key: 'Name' | 'Key' }
  | { readonly kind: 'attributeValueMap'; readonly element: string }
  | {
      readonly kind: 'entries';
      readonly element: string;
      readonly fields: Readonly<Record<string, QueryField>>;
    };

const string = { kind: 'string' } as const;
const integer = { kind: 'integer' } as const;
const queueAttributes = { kind: 'map', element: 'Attribute', key: 'Name' } as const;
const tagMap = { kind: 'map', element: 'Tag', key: 'Key' } as const;
const messageAttributes = { kind: 'attributeValueMap', element: 'MessageAttribute' } as const;
const messageSystemAttributes = { kind: 'attributeValueMap', element: 'MessageSystemAttribute' } as const;
/** A message's members: SendMessage's, and each SendMessageBatch entry's besides its Id. */
const messageFields: Readonly<Record<string, QueryField>> = {
  MessageBody: string,
  DelaySeconds: integer,
  MessageAttributes: messageAttributes,
  MessageSystemAttributes: messageSystemAttributes,
  MessageDeduplicationId: string,
  MessageGroupId: string,
};

const QUERY_FIELDS: Readonly<Record<SqsOperation, Readonly<Record<string, QueryField>>>> = {
  CreateQueue: { QueueName: string, Attributes: queueAttributes, tags: tagMap },
  GetQueueUrl: { QueueName: string, QueueOwnerAWSAccountId: string },
  ListQueues: { QueueNamePrefix: string, NextToken: string, MaxResults: integer },
  DeleteQueue: { QueueUrl: string },
  GetQueueAttributes: { QueueUrl: string, AttributeNames: { kind: 'list', element: 'AttributeName' } },
  SetQueueAttributes: { QueueUrl: string, Attributes: queueAttributes },
  PurgeQueue: { QueueUrl: string },
  ListDeadLetterSourceQueues: { QueueUrl: string, NextToken: string, MaxResults: integer },
  SendMessage: { QueueUrl: string, ...messageFields },
  SendMessageBatch: {
    QueueUrl: string,
    Entries: {
      kind: 'entries',
      element: 'SendMessageBatchRequestEntry',
      fields: { Id: string, ...messageFields },
    },
  },
  ReceiveMessage: {
    QueueUrl: string,
    // The model gives both system-attribute lists the xmlName AttributeName; the receive merges them anyway.
    AttributeNames: { kind: 'list', element: 'AttributeName' },
    MessageSystemAttributeNames: { kind: 'list', element: 'MessageSystemAttributeName' },
    MessageAttributeNames: { kind: 'list', element: 'MessageAttributeName' },
    MaxNumberOfMessages: integer,
    VisibilityTimeout: integer,
    WaitTimeSeconds: integer,
    ReceiveRequestAttemptId: string,
  },
  DeleteMessage: { QueueUrl: string, ReceiptHandle: string },
  DeleteMessageBatch: {
    QueueUrl: string,
    Entries: {
      kind: 'entries',
      element: 'DeleteMessageBatchRequestEntry',
      fields: { Id: string, ReceiptHandle: string },
    },
  },
  ChangeMessageVisibility: { QueueUrl: string, ReceiptHandle: string, VisibilityTimeout: integer },
  ChangeMessageVisibilityBatch: {
    QueueUrl: string,
    Entries: {
      kind: 'entries',
      element: 'ChangeMessageVisibilityBatchRequestEntry',
      fields: { Id: string, ReceiptHandle: string, VisibilityTimeout: integer },
    },
  },
  StartMessageMoveTask: { SourceArn: string, DestinationArn: string, MaxNumberOfMessagesPerSecond: integer },
  ListMessageMoveTasks: { SourceArn: string, MaxResults: integer },
  CancelMessageMoveTask: { TaskHandle: string },
  ListQueueTags: { QueueUrl: string },
  TagQueue: { QueueUrl: string, Tags: tagMap },
  UntagQueue: { QueueUrl: string, TagKeys: { kind: 'list', element: 'TagKey' } },
};

/** An integer parameter that does not parse stays a string, so validation reports it as AWS does. */
const toInteger = (value: string): number | string => (/^-?\d+$/.test(value.trim()) ? Number(value) : value);

function readField(params: URLSearchParams, name: string, field: QueryField): unknown {
  switch (field.kind) {
    case 'string':
      return params.get(name) ?? undefined;
    case 'integer': {
      const value = params.get(name);
      return value === null ? undefined : toInteger(value);
    }
    case 'list': {
      const found = queryIndexes(params, `${name}.`).map((i) => params.get(`${name}.${i}`) ?? '');
      return found.length === 0 ? undefined : found;
    }
    case 'map': {
      const map: Record<string, string> = {};
      for (const i of queryIndexes(params, `${name}.`)) {
        const key = params.get(`${name}.${i}.${field.key}`);
        if (key !== null) map[key] = params.get(`${name}.${i}.Value`) ?? '';
      }
      return Object.keys(map).length === 0 ? undefined : map;
    }
    case 'attributeValueMap': {
      const map: Record<string, Record<string, string>> = {};
      for (const i of queryIndexes(params, `${name}.`)) {
        const key = params.get(`${name}.${i}.Name`);
        if (key === null) continue;
        const value: Record<string, string> = {};
        for (const part of ['DataType', 'StringValue', 'BinaryValue']) {
          const partValue = params.get(`${name}.${i}.Value.${part}`);
          if (partValue !== null) value[part] = partValue;
        }
        map[key] = value;
      }
      return Object.keys(map).length === 0 ? undefined : map;
    }
    case 'entries':
      return queryIndexes(params, `${name}.`).map((i) => readFields(params, `${name}.${i}.`, field.fields));
  }
}

function readFields(
  params: URLSearchParams,
  prefix: string,
  fields: Readonly<Record<string, QueryField>>,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [member, field] of Object.entries(fields)) {
    // Flattened members are named after their element (Attribute.1.Name), not the member (Attributes).
    const wireName = field.kind === 'string' || field.kind === 'integer' ? member : field.element;
    const value = readField(params, `${prefix}${wireName}`, field);
    if (value !== undefined) input[member] = value;
  }
  return input;
}

/** Turns form parameters into the input the actions take (the JSON protocol's shape). */
export function parseQueryInput(operation: SqsOperation, params: URLSearchParams): Record<string, unknown> {
  return readFields(params, '', QUERY_FIELDS[operation]);
}

/** A query field's name on the wire: flattened lists and maps go by their element (`Attribute.1.Name`). */
const wireName = (member: string, field: QueryField | undefined): string =>
  field === undefined || field.kind === 'string' || field.kind === 'integer' ? member : field.element;

/**
 * The query parameter a path into the input names, for errors a query client must recognise:
 * `TagKeys` is `TagKey`, the second batch entry's Id is `SendMessageBatchRequestEntry.2.Id`.
 */
export function queryParameterName(operation: SqsOperation, path: readonly PathSegment[]): string {
  const parts: string[] = [];
  let fields: Readonly<Record<string, QueryField>> | undefined = QUERY_FIELDS[operation];
  for (const segment of path) {
    if ('member' in segment) {
      const field: QueryField | undefined = fields?.[segment.member];
      parts.push(wireName(segment.member, field));
      fields = field?.kind === 'entries' ? field.fields : undefined;
    } else {
      parts.push('index' in segment ? String(segment.index + 1) : segment.key);
    }
  }
  return parts.join('.');
}
