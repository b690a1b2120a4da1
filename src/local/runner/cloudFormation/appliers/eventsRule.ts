import { PutRuleCommand, PutTargetsCommand, type Target } from '@aws-sdk/client-eventbridge';
import { TemplateError } from '../errors.js';
import {
  physicalName,
  type ResourceApplier,
  type ResourceToApply,
  type StackInProgress,
  stringProperty,
} from '../resourceApplier.js';

/**
 * `AWS::Events::Rule`: a pattern rule is PutRule and PutTargets on the local EventBridge (an SQS
 * queue, an event bus of any account and region); a schedule rule is recorded for the Lambda
 * runner, which invokes its function targets itself. Ref is the rule name.
 */
export const applyRule: ResourceApplier = async (resource, stack) => {
  const { properties } = resource;
  const name = physicalName(properties.Name, resource, stack);
  const busName = stringProperty(properties.EventBusName) ?? 'default';
  const targets = (properties.Targets as Target[] | undefined) ?? [];
  if (typeof properties.ScheduleExpression === 'string') {
    scheduleTargets(resource, stack, { name, expression: properties.ScheduleExpression, targets });
  } else {
    await stack.clients.events.send(
      new PutRuleCommand({
        Name: name,
        EventBusName: busName,
        EventPattern: JSON.stringify(properties.EventPattern),
        State: (stringProperty(properties.State) as 'ENABLED' | 'DISABLED' | undefined) ?? 'ENABLED',
        Description: stringProperty(properties.Description),
      }),
    );
    if (targets.length > 0) {
      await stack.clients.events.send(
        new PutTargetsCommand({ Rule: name, EventBusName: busName, Targets: targets }),
      );
    }
    stack.deployment.rules.push(name);
  }
  const arn = stack.arnOf('events', busName === 'default' ? `rule/${name}` : `rule/${busName}/${name}`);
  return { ref: name, attributes: { Arn: arn } };
};

/** A schedule's targets must be functions of this stack: the runner is what invokes them. */
function scheduleTargets(
  resource: ResourceToApply,
  stack: StackInProgress,
  rule: { readonly name: string; readonly expression: string; readonly targets: readonly Target[] },
): void {
  for (const target of rule.targets) {
    const fn = target.Arn ? stack.functionsByArn.get(target.Arn) : undefined;
    if (!fn)
      throw new TemplateError(
        `schedule target ${target.Arn} is not a function of this stack`,
        resource.logicalId,
      );
    stack.deployment.schedules.push({
      ruleName: rule.name,
      functionName: fn.name,
      expression: rule.expression,
      input: target.Input,
    });
  }
}
