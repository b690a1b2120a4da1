/**
 * Settings for the SDK clients the Lambda functions send many requests with.
 *
 * `cacheMiddleware`: unless told otherwise, an SDK v3 client resolves its middleware stack on
 * every `send` (copies each of its ~40 entries, sorts them, builds the handler chain). A sweep
 * whose policy reads tags sends one ListTagsForResource per namespace; resolving the stack each
 * time was the largest source of the sweep worker's garbage, much of it living long enough to be
 * promoted (one invocation over 2,500 namespaces allocated ~470 MiB, and peaked at 130 MiB RSS
 * against its 128 MiB goal; 114 MiB with the stack resolved once per command class). Safe for
 * these clients: nothing adds middleware to them or to their commands after their first request
 * (the SDK would ignore such an addition once the handler is cached).
 */
export const SDK_CLIENT_DEFAULTS = { cacheMiddleware: true } as const;
