import { AwsServiceError } from '../../../protocol/serviceError.js';
import type { RequestContext } from '../../../protocol/types.js';
import type { EventBridgeStore, TargetRecord } from '../eventBridgeStore.js';
import { parseJsonPath } from '../jsonPath.js';
import {
  busNameOf,
  constraintError,
  findBus,
  findRule,
  page,
  requireName,
  requireString,
  validationError,
} from '../validations.js';

/** AWS allows five targets per rule. */
const MAX_TARGETS_PER_RULE = 5;
const MAX_TARGETS_PER_CALL = 10;

function validateTarget(raw: unknown, index: number): TargetRecord {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw constraintError(undefined, `targets.${index + 1}.member`, 'Member must not be null');
  }
  const target = raw as Record<string, unknown>;
  requireName(target, 'Id', `targets.${index + 1}.member.id`);
  requireString(target, 'Arn', `targets.${index + 1}.member.arn`);
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
    validateInputTransformer(target.InputTransformer as Record<string, unknown>, String(target.Id), index);
  }
  return target as TargetRecord;
}

function validateInputTransformer(
  transformer: Record<string, unknown>,
  targetId: string,
  index: number,
): void {
  requireString(transformer, 'InputTemplate', `targets.${index + 1}.member.inputTransformer.inputTemplate`);
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
  const ruleName = requireName(input, 'Rule', 'rule');
  const targets = input.Targets;
  if (!Array.isArray(targets) || targets.length === 0) {
    throw constraintError(undefined, 'targets', 'Member must have length greater than or equal to 1');
  }
  if (targets.length > MAX_TARGETS_PER_CALL) {
    throw constraintError(
      '[…]',
      'targets',
      `Member must have length less than or equal to ${MAX_TARGETS_PER_CALL}`,
    );
  }
  const validated = targets.map(validateTarget);
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
  const ruleName = requireName(input, 'Rule', 'rule');
  const ids = input.Ids;
  if (!Array.isArray(ids) || ids.length === 0) {
    throw constraintError(undefined, 'ids', 'Member must have length greater than or equal to 1');
  }
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
  const ruleName = requireName(input, 'Rule', 'rule');
  const rule = findRule(findBus(store, ctx.region, busNameOf(input.EventBusName)), ruleName);
  const { items, nextToken } = page([...rule.targets.values()], input);
  return { Targets: items, ...(nextToken === undefined ? {} : { NextToken: nextToken }) };
}
