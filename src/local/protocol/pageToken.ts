import type { AwsServiceError } from './serviceError.js';

/**
 * Opaque pagination tokens keyed on the last item a page returned (`{"after": key}`, base64url),
 * so an item deleted between two calls never shifts the next page. Services decide what an
 * invalid token is called (each API words it its own way).
 */
function encodePageToken(afterKey: string): string {
  return Buffer.from(JSON.stringify({ after: afterKey }), 'utf8').toString('base64url');
}

/** The key a token from `encodePageToken` carries; undefined for anything else. */
function decodePageToken(token: unknown): string | undefined {
  if (typeof token !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'after' in parsed &&
      typeof parsed.after === 'string'
    ) {
      return parsed.after;
    }
  } catch {
    // Not a token the local cloud issued.
  }
  return undefined;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}

/**
 * Pages `items` (in listing order, ascending by `keyOf`) after the key carried by `nextToken`. Tokens are
 * opaque to clients but keyed on the last item returned, so an item deleted between two
 * calls never shifts the next page.
 */
export function paginate<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  options: { maxResults?: number; nextToken?: string; defaultMaxResults: number },
  invalidToken: () => AwsServiceError,
): Page<T> {
  const limit = options.maxResults ?? options.defaultMaxResults;
  let start = 0;
  if (options.nextToken !== undefined) {
    const after = decodePageToken(options.nextToken);
    if (after === undefined) throw invalidToken();
    const index = items.findIndex((item) => keyOf(item) > after);
    start = index === -1 ? items.length : index;
  }
  const slice = items.slice(start, start + limit);
  const last = slice.at(-1);
  const more = start + limit < items.length && last !== undefined;
  return more ? { items: slice, nextToken: encodePageToken(keyOf(last)) } : { items: slice };
}
