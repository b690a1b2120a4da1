import { AwsServiceError } from '../../../protocol/serviceError.js';
import type { RequestContext } from '../../../protocol/types.js';
import type { EventBridgeStore, TargetRecord } from '../eventBridgeStore.js';
import { parseJsonPath } from '../jsonPath.js';
import { busNameOf, findBus, findRule, page, stringMember, validationError } from '../validations.js';

/** Targets per rule (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html); one call may send 100. */
const MAX_TARGETS_PER_RULE = 5;

/**
 * What the model cannot say about a target (Id, Arn and every length and pattern it checks):
 * one way to shape the input, and an Input, InputPath or InputTransformer that parses
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Target.html,
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html).
 */
function validateTarget(target: Record<string, unknown>): TargetRecord {
  const inputs = ['Input', 'InputPath', 'InputTransformer'].filter(
    (field) => target[field] !== undefined && target[field] !== null,
  );
  if (inputs.length > 1) {
    throw validationError('Only one of Input, InputPath, or InputTransformer must be provided.');
  }
  if (typeof target.Input === 'string') {
    try {
      JSON.parse(target.Input);
    } catch {
      throw validationError(`Input for target ${String(target.Id)} is not valid JSON text.`);
    }
  }
  if (target.InputPath !== undefined && parseJsonPath(String(target.InputPath)) === undefined) {
    throw validationError(`InputPath for target ${String(target.Id)} is not a valid JSON path.`);
  }
  if (target.InputTransformer !== undefined && target.InputTransformer !== null) {
    validateInputTransformer(target.InputTransformer as Record<string, unknown>, String(target.Id));
  }
  return target as TargetRecord;
}

function validateInputTransformer(transformer: Record<string, unknown>, targetId: string): void {
  const paths = (transformer.InputPathsMap ?? {}) as Record<string, unknown>;
  for (const [name, path] of Object.entries(paths)) {
    if (name.startsWith('aws.events.')) {
      throw validationError(
        `InputTransformer for target ${targetId} uses the reserved variable name ${name}.`,
      );
    }
    if (typeof path !== 'string' || parseJsonPath(path) === undefined) {
      throw validationError(`InputPathsMap for target ${targetId} has an invalid JSON path: ${String(path)}`);
    }
  }
}

/** PutTargets: adds or replaces targets by Id, up to five per rule. */
export function putTargets(store: EventBridgeStore, input: Record<string, unknown>, ctx: RequestContext) {
  const ruleName = stringMember(input, 'Rule');
  const validated = (input.Targets as Record<string, unknown>[]).map(validateTarget);
  const rule = findRule(findBus(store, ctx.region, busNameOf(input.EventBusName)), ruleName);
  const ids = new Set([...rule.targets.keys(), ...validated.map((target) => target.Id)]);
  if (ids.size > MAX_TARGETS_PER_RULE) {
    throw new AwsServiceError(
      'LimitExceededException',
      'The requested resource exceeds the maximum number allowed.',
    );
  }
  for (const target of validated) {
    rule.targets.set(target.Id, target);
  }
  return { FailedEntryCount: 0, FailedEntries: [] };
}

/** RemoveTargets: removing an Id the rule does not have is not an error. */
export function removeTargets(store: EventBridgeStore, input: Record<string, unknown>, ctx: RequestContext) {
  const ruleName = stringMember(input, 'Rule');
  const ids = input.Ids as string[];
  const rule = findRule(findBus(store, ctx.region, busNameOf(input.EventBusName)), ruleName);
  for (const id of ids) {
    rule.targets.delete(String(id));
  }
  return { FailedEntryCount: 0, FailedEntries: [] };
}

export function listTargetsByRule(
  store: EventBridgeStore,
  input: Record<string, unknown>,
  ctx: RequestContext,
) {
  const ruleName = stringMember(input, 'Rule');
  const rule = findRule(findBus(store, ctx.region, busNameOf(input.EventBusName)), ruleName);
  const { items, nextToken } = page([...rule.targets.values()], input);
  return { Targets: items, NextToken: nextToken };
}
