/**
 * The Account Management API's operations the local cloud answers, by their restJson1 route
 * (the model's `http` trait: `POST /listRegions`).
 */
export const ACCOUNT_ROUTES = {
  'POST /listRegions': 'ListRegions',
} as const;

export type AccountOperation = (typeof ACCOUNT_ROUTES)[keyof typeof ACCOUNT_ROUTES];

export const ACCOUNT_OPERATIONS: readonly AccountOperation[] = Object.values(ACCOUNT_ROUTES);
