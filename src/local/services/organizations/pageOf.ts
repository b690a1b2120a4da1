import { type Page, paginate } from '../../protocol/pageToken.js';
import { organizationsErrors } from './organizationsErrors.js';

/** Organizations' list operations return 20 items a page unless asked for fewer (the model bounds MaxResults 1–20). */
export const DEFAULT_MAX_RESULTS = 20;

/**
 * One page of `items` (ascending by `idOf`), as the request's MaxResults and NextToken ask. The
 * input has passed validateOrganizationsInput, so both are of their model's type and range.
 */
export function pageOf<T>(
  items: readonly T[],
  idOf: (item: T) => string,
  input: Readonly<Record<string, unknown>>,
): Page<T> {
  return paginate(
    [...items].sort((a, b) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0)),
    idOf,
    {
      maxResults: input.MaxResults as number | undefined,
      nextToken: input.NextToken as string | undefined,
      defaultMaxResults: DEFAULT_MAX_RESULTS,
    },
    organizationsErrors.invalidNextToken,
  );
}
