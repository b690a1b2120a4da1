import { type Page, paginate } from '../../protocol/pageToken.js';
import { organizationsErrors } from './organizationsErrors.js';

/** Organizations' list operations return 1–20 items a page (20 unless asked for fewer). */
export const MAX_RESULTS = { min: 1, max: 20 } as const;

/** One page of `items` (ascending by `idOf`), as the request's MaxResults and NextToken ask. */
export function pageOf<T>(
  items: readonly T[],
  idOf: (item: T) => string,
  input: Record<string, unknown>,
): Page<T> {
  if (input.NextToken !== undefined && typeof input.NextToken !== 'string')
    throw organizationsErrors.invalidNextToken();
  return paginate(
    [...items].sort((a, b) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0)),
    idOf,
    {
      maxResults: maxResultsOf(input.MaxResults),
      nextToken: input.NextToken,
      defaultMaxResults: MAX_RESULTS.max,
    },
    organizationsErrors.invalidNextToken,
  );
}

function maxResultsOf(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw organizationsErrors.invalidInput('INVALID_INPUT', 'MaxResults must be a whole number.');
  }
  if (value < MAX_RESULTS.min) {
    throw organizationsErrors.invalidInput(
      'MIN_VALUE_EXCEEDED',
      `You provided a value for MaxResults that is below the minimum of ${MAX_RESULTS.min}.`,
    );
  }
  if (value > MAX_RESULTS.max) {
    throw organizationsErrors.invalidInput(
      'MAX_VALUE_EXCEEDED',
      `You provided a value for MaxResults that exceeds the maximum of ${MAX_RESULTS.max}.`,
    );
  }
  return value;
}
