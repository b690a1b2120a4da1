import { shapeOf } from '../../../src/local/serviceModel/serviceModel.js';
import type { ServiceModel, ShapeRef } from '../../../src/local/serviceModel/types.js';
import type { ServiceAnswer } from './fixtures/conformanceFixture.js';
import { signedFor } from './fixtures/localCloudService.js';

/**
 * One awsQuery call over raw HTTP, as boto3 and SDK v3 send STS's: the input (in the model's JSON
 * shape) as form parameters by the awsQuery rules (`Tags.member.1.Key`; an empty list or
 * structure as its bare name), signed for `signingName`. The XML answer is read back into the
 * JSON shape of the output, led by the model, so outputConformance can check it; elements the
 * model does not declare are kept, so it sees them too.
 */
export async function callQuery(
  endpoint: string,
  signingName: string,
  model: ServiceModel,
  operation: string,
  input: unknown,
): Promise<ServiceAnswer> {
  const params = new URLSearchParams({ Action: operation, Version: model.metadata.apiVersion });
  const ref = model.operations[operation]?.input;
  if (ref !== undefined) writeParams(model, ref, '', input, params);
  const response = await fetch(`${endpoint}/`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
      Authorization: signedFor(signingName),
    },
    body: params.toString(),
  });
  const root = parseXml(await response.text());
  const error = root.children.find((child) => child.name === 'Error');
  if (error !== undefined) {
    const text = (name: string) => error.children.find((child) => child.name === name)?.text ?? '';
    return {
      status: response.status,
      output: undefined,
      errorType: text('Code'),
      errorMessage: text('Message'),
      errorDetails: { Type: text('Type') },
    };
  }
  const outputRef = model.operations[operation]?.output;
  const result = root.children.find((child) => child.name === `${operation}Result`);
  return {
    status: response.status,
    output: outputRef === undefined || result === undefined ? {} : readElement(model, outputRef, result),
    errorMessage: '',
    errorDetails: {},
  };
}

function writeParams(
  model: ServiceModel,
  ref: ShapeRef,
  name: string,
  value: unknown,
  params: URLSearchParams,
) {
  if (value === undefined || value === null) return;
  const shape = shapeOf(model, ref.shape);
  const prefix = name === '' ? '' : `${name}.`;
  if (shape.type === 'structure' && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && name !== '') params.append(name, '');
    for (const [member, memberValue] of entries) {
      const memberRef = shape.members[member];
      if (memberRef !== undefined) writeParams(model, memberRef, `${prefix}${member}`, memberValue, params);
    }
    return;
  }
  if (shape.type === 'list' && Array.isArray(value)) {
    if (value.length === 0) params.append(name, '');
    value.forEach((element, index) => {
      writeParams(model, shape.member, `${name}.member.${index + 1}`, element, params);
    });
    return;
  }
  if (shape.type === 'map' && typeof value === 'object' && !Array.isArray(value)) {
    Object.entries(value as Record<string, unknown>).forEach(([key, entry], index) => {
      params.append(`${name}.entry.${index + 1}.key`, key);
      writeParams(model, shape.value, `${name}.entry.${index + 1}.value`, entry, params);
    });
    return;
  }
  params.append(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
}

interface XmlElement {
  readonly name: string;
  readonly children: XmlElement[];
  text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const unescapeXml = (text: string): string =>
  text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return ENTITIES[entity] ?? whole;
  });

/** A small XML reader for the query protocol's answers: elements, their text, no attributes kept. */
function parseXml(xml: string): XmlElement {
  const document: XmlElement = { name: '#document', children: [], text: '' };
  const open: XmlElement[] = [document];
  for (const token of xml.matchAll(/<(\/?)([\w:.-]+)[^>]*?(\/?)>|<\?[^>]*\?>|([^<]+)/g)) {
    const [, closing, name, selfClosing, text] = token;
    const current = open.at(-1) as XmlElement;
    if (text !== undefined) current.text += unescapeXml(text);
    else if (name === undefined) continue;
    else if (closing === '/') open.pop();
    else {
      const element: XmlElement = { name, children: [], text: '' };
      current.children.push(element);
      if (selfClosing !== '/') open.push(element);
    }
  }
  return document.children[0] ?? document;
}

/** An element read as the shape `ref` says: members, `member` list elements, typed scalars. */
function readElement(model: ServiceModel, ref: ShapeRef, element: XmlElement): unknown {
  const shape = shapeOf(model, ref.shape);
  switch (shape.type) {
    case 'structure':
      return Object.fromEntries(
        element.children.map((child) => {
          const member = shape.members[child.name];
          return [child.name, member === undefined ? child.text : readElement(model, member, child)];
        }),
      );
    case 'list':
      return element.children.map((child) => readElement(model, shape.member, child));
    case 'map':
      return Object.fromEntries(
        element.children.map((entry) => {
          const key = entry.children.find((child) => child.name === 'key')?.text ?? '';
          const value = entry.children.find((child) => child.name === 'value');
          return [key, value === undefined ? undefined : readElement(model, shape.value, value)];
        }),
      );
    case 'integer':
    case 'long':
      return /^-?\d+$/.test(element.text) ? Number(element.text) : element.text;
    case 'float':
    case 'double':
      return Number.isFinite(Number(element.text)) ? Number(element.text) : element.text;
    case 'boolean':
      return element.text === 'true' ? true : element.text === 'false' ? false : element.text;
    case 'timestamp': {
      // The query protocol writes ISO 8601; outputConformance wants awsJson's epoch seconds.
      const time = Date.parse(element.text);
      return Number.isNaN(time) ? element.text : time / 1000;
    }
    default:
      return element.text;
  }
}
