import { escapeXml } from '../../protocol/queryProtocol.js';
import { STS_XMLNS } from './stsErrors.js';

/** A result member: text, or nested members. */
export type XmlMembers = { readonly [name: string]: string | XmlMembers };

function members(values: XmlMembers): string {
  return Object.entries(values)
    .map(
      ([name, value]) =>
        `<${name}>${typeof value === 'string' ? escapeXml(value) : members(value)}</${name}>`,
    )
    .join('');
}

/** `<{Action}Response>` with its `<{Action}Result>` and the request id, as STS answers. */
export function stsResponse(action: string, result: XmlMembers, requestId: string): string {
  return (
    `<${action}Response xmlns="${STS_XMLNS}">` +
    `<${action}Result>${members(result)}</${action}Result>` +
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata>` +
    `</${action}Response>`
  );
}

/** Time as STS writes it (`2026-11-29T15:57:03Z`): ISO 8601 to the second. */
export function stsTime(epochMilliseconds: number): string {
  return new Date(epochMilliseconds).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
