import type { AwsServiceError } from '../../protocol/serviceError.js';

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}

/**
 * Pages `items` (already in listing order) after the key carried by `nextToken`. Tokens are
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
    const after = decodeToken(options.nextToken);
    if (after === undefined) throw invalidToken();
    const index = items.findIndex((item) => keyOf(item) > after);
    start = index === -1 ? items.length : index;
  }
  const slice = items.slice(start, start + limit);
  const last = slice.at(-1);
  const more = start + limit < items.length && last !== undefined;
  return more ? { items: slice, nextToken: encodeToken(keyOf(last)) } : { items: slice };
}

function encodeToken(key: string): string {
  return Buffer.from(JSON.stringify({ after: key }), 'utf8').toString('base64url');
}

function decodeToken(token: string): string | undefined {
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
    // A token we did not issue: reported by the caller as the operation's pagination error.
  }
  return undefined;
}
