import { escapeXml, SQS_QUERY_ERROR_STYLE } from '../../protocol/queryProtocol.js';
import type { SqsOperation } from './sqsOperations.js';

const XMLNS = SQS_QUERY_ERROR_STYLE.xmlns;

/** Output members that are flattened lists in XML, and the element each item is written as. */
const LIST_ELEMENTS: Readonly<Record<string, string>> = {
  QueueUrls: 'QueueUrl',
  queueUrls: 'QueueUrl',
  Messages: 'Message',
  Failed: 'BatchResultErrorEntry',
  Results: 'ListMessageMoveTasksResultEntry',
};

/** Output members that are flattened maps in XML: element name and key element name. */
const MAP_ELEMENTS: Readonly<Record<string, { element: string; key: string }>> = {
  Attributes: { element: 'Attribute', key: 'Name' },
  MessageAttributes: { element: 'MessageAttribute', key: 'Name' },
  Tags: { element: 'Tag', key: 'Key' },
};

function element(name: string, value: unknown, listElements: Readonly<Record<string, string>>): string {
  if (value === undefined || value === null) return '';
  const listElement = listElements[name];
  if (Array.isArray(value) && listElement !== undefined) {
    return value.map((item) => element(listElement, item, listElements)).join('');
  }
  const map = MAP_ELEMENTS[name];
  if (map !== undefined && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(
        ([key, entry]) =>
          `<${map.element}><${map.key}>${escapeXml(key)}</${map.key}>${element('Value', entry, listElements)}</${map.element}>`,
      )
      .join('');
  }
  if (typeof value === 'object') {
    const children = Object.entries(value as Record<string, unknown>)
      .map(([child, childValue]) => element(child, childValue, listElements))
      .join('');
    return `<${name}>${children}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** `<XResponse><XResult>…</XResult><ResponseMetadata>…` as SQS's query API answers. */
export function serializeQueryResponse(
  operation: SqsOperation,
  output: Readonly<Record<string, unknown>>,
  requestId: string,
): string {
  const listElements = { ...LIST_ELEMENTS, Successful: `${operation}ResultEntry` };
  const members = Object.entries(output)
    .map(([name, value]) => element(name, value, listElements))
    .join('');
  const result =
    members === '' && Object.keys(output).length === 0 && !hasResult(operation)
      ? ''
      : `<${operation}Result>${members}</${operation}Result>`;
  return (
    `<?xml version="1.0"?><${operation}Response xmlns="${XMLNS}">${result}` +
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata></${operation}Response>`
  );
}

/** Operations whose response has a Result element even when it is empty (e.g. no messages received). */
function hasResult(operation: SqsOperation): boolean {
  return ![
    'DeleteQueue',
    'SetQueueAttributes',
    'PurgeQueue',
    'DeleteMessage',
    'ChangeMessageVisibility',
    'TagQueue',
    'UntagQueue',
  ].includes(operation);
}
