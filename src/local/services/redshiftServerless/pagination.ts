/**
 * Redshift Serverless pages the way every local list does: see protocol/pageToken.ts (tokens
 * keyed on the last item returned, so a deletion between two calls never shifts a page).
 */
export { type Page, paginate } from '../../protocol/pageToken.js';
