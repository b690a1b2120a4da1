import type { RequestContext } from '../../../protocol/types.js';
import { DEFAULT_BUS, type EventBridgeStore, type RuleRecord } from '../eventBridgeStore.js';
import { compilePatternForApi } from '../patternErrors.js';
import {
  busNameOf,
  findBus,
  findRule,
  optionalString,
  page,
  stringMember,
  validationError,
} from '../validations.js';

/**
 * rate(…) or cron(…): https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html.
 * The model bounds only the length (256); the form is checked here.
 */
const SCHEDULE = /^(rate|cron)\(.*\)$/;

function summary(rule: RuleRecord): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    Name: rule.name,
    Arn: rule.arn,
    EventPattern: rule.eventPattern?.source,
    ScheduleExpression: rule.scheduleExpression,
    State: rule.state,
    Description: rule.description,
    RoleArn: rule.roleArn,
    EventBusName: rule.eventBusName,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/**
 * PutRule: creates or replaces a rule (its targets stay). Name, State, lengths: the model. By
 * hand, from the PutRule API reference
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html): a rule needs a
 * pattern or a schedule, schedules run on the default bus only, and the pattern must parse.
 */
export function putRule(store: EventBridgeStore, input: Record<string, unknown>, ctx: RequestContext) {
  const name = stringMember(input, 'Name');
  const bus = findBus(store, ctx.region, busNameOf(input.EventBusName));
  const patternText = optionalString(input, 'EventPattern');
  const scheduleExpression = optionalString(input, 'ScheduleExpression');
  if (patternText === undefined && scheduleExpression === undefined) {
    throw validationError('Parameter(s) EventPattern or ScheduleExpression must be specified.');
  }
  if (scheduleExpression !== undefined) {
    if (!SCHEDULE.test(scheduleExpression)) {
      throw validationError('Parameter ScheduleExpression is not valid.');
    }
    if (bus.name !== DEFAULT_BUS) {
      throw validationError('ScheduleExpression is supported only on the default event bus.');
    }
  }
  const state = optionalString(input, 'State') ?? 'ENABLED';
  const eventPattern = patternText === undefined ? undefined : compilePatternForApi(patternText);
  const existing = bus.rules.get(name);
  const rule: RuleRecord = existing ?? {
    name,
    arn: store.ruleArn(ctx.region, bus.name, name),
    eventBusName: bus.name,
    state,
    targets: new Map(),
  };
  rule.eventPattern = eventPattern;
  rule.scheduleExpression = scheduleExpression;
  rule.state = state;
  rule.description = optionalString(input, 'Description');
  rule.roleArn = optionalString(input, 'RoleArn');
  bus.rules.set(name, rule);
  return { RuleArn: rule.arn };
}

export function describeRule(store: EventBridgeStore, input: Record<string, unknown>, ctx: RequestContext) {
  const name = stringMember(input, 'Name');
  const rule = findRule(findBus(store, ctx.region, busNameOf(input.EventBusName)), name);
  return { ...summary(rule), CreatedBy: ctx.account };
}

export function listRules(store: EventBridgeStore, input: Record<string, unknown>, ctx: RequestContext) {
  const prefix = optionalString(input, 'NamePrefix') ?? '';
  const bus = findBus(store, ctx.region, busNameOf(input.EventBusName));
  const rules = [...bus.rules.values()]
    .filter((rule) => rule.name.startsWith(prefix))
    .sort((left, right) => left.name.localeCompare(right.name));
  const { items, nextToken } = page(rules, input);
  return { Rules: items.map(summary), NextToken: nextToken };
}

export function listRuleNamesByTarget(
  store: EventBridgeStore,
  input: Record<string, unknown>,
  ctx: RequestContext,
) {
  const targetArn = stringMember(input, 'TargetArn');
  const bus = findBus(store, ctx.region, busNameOf(input.EventBusName));
  const names = [...bus.rules.values()]
    .filter((rule) => [...rule.targets.values()].some((target) => target.Arn === targetArn))
    .map((rule) => rule.name)
    .sort();
  const { items, nextToken } = page(names, input);
  return { RuleNames: items, NextToken: nextToken };
}

/**
 * DeleteRule: refuses while targets remain ("Before you can delete the rule, you must remove all
 * targets", https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DeleteRule.html);
 * deleting a rule that does not exist succeeds.
 */
export function deleteRule(store: EventBridgeStore, input: Record<string, unknown>, ctx: RequestContext) {
  const name = stringMember(input, 'Name');
  const bus = findBus(store, ctx.region, busNameOf(input.EventBusName));
  const rule = bus.rules.get(name);
  if (rule !== undefined && rule.targets.size > 0) {
    throw validationError("Rule can't be deleted since it has targets.");
  }
  bus.rules.delete(name);
  return {};
}

function setState(state: 'ENABLED' | 'DISABLED') {
  return (store: EventBridgeStore, input: Record<string, unknown>, ctx: RequestContext) => {
    const name = stringMember(input, 'Name');
    findRule(findBus(store, ctx.region, busNameOf(input.EventBusName)), name).state = state;
    return {};
  };
}

export const enableRule = setState('ENABLED');
export const disableRule = setState('DISABLED');
