import type { RequestContext } from '../../protocol/types.js';
import type { RedshiftServerlessStore } from './store.js';

/** One operation: validated input in, response body out, or an AwsServiceError thrown. */
export type RedshiftServerlessAction = (
  store: RedshiftServerlessStore,
  input: Record<string, unknown>,
  ctx: RequestContext,
) => unknown;

/**
 * Lets an action declare its input as the SDK's request type. The cast is sound only because
 * validateRequest.ts has already checked the input against the operation's shape in the
 * service model (JSON types, required members, constraints).
 */
export function defineAction<Input>(
  action: (store: RedshiftServerlessStore, input: Input, ctx: RequestContext) => unknown,
): RedshiftServerlessAction {
  return (store, input, ctx) => action(store, input as Input, ctx);
}
