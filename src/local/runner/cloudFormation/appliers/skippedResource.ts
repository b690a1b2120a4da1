import {
  type AppliedResource,
  physicalName,
  type ResourceApplier,
  type ResourceToApply,
  type StackInProgress,
  stringProperty,
} from '../resourceApplier.js';

/**
 * A resource type the local cloud has no equivalent for (IAM, alarms, dashboards, KMS…): listed
 * in the deployment's `skipped`, so nobody mistakes it for tested, and given a Ref and an Arn so
 * what refers to it still resolves.
 */
function skipped(
  placeholder: (resource: ResourceToApply, stack: StackInProgress) => AppliedResource,
): ResourceApplier {
  return async (resource, stack) => {
    stack.deployment.skipped.push({ logicalId: resource.logicalId, type: resource.type });
    return placeholder(resource, stack);
  };
}

/** The ARN of a skipped resource: its service (from its type) and its logical id. */
function placeholderArn(resource: ResourceToApply, stack: StackInProgress): string {
  const service = resource.type.split('::')[1]?.toLowerCase() ?? 'local';
  return stack.arnOf(service, resource.logicalId);
}

/** Any skipped type: Ref is the logical id. */
export const skipResource: ResourceApplier = skipped((resource, stack) => ({
  ref: resource.logicalId,
  attributes: { Arn: placeholderArn(resource, stack) },
}));

/** `AWS::SNS::Topic`: Ref is the topic's ARN, as SNS's is. */
export const skipTopic: ResourceApplier = skipped((resource, stack) => {
  const arn = placeholderArn(resource, stack);
  return { ref: arn, attributes: { Arn: arn } };
});

/**
 * `AWS::IAM::Role`: the ARN IAM would give it (global, named by RoleName or, like
 * CloudFormation, after the stack), so a template that passes it on (as a stack output, a
 * parameter of another stack) hands over a well-formed role ARN.
 */
export const skipRole: ResourceApplier = skipped((resource, stack) => {
  const { account } = stack.options;
  const roleName = physicalName(resource.properties.RoleName, resource, stack);
  const path = stringProperty(resource.properties.Path) ?? '/';
  return {
    ref: roleName,
    attributes: { Arn: `arn:${stack.partition}:iam::${account}:role${path}${roleName}`, RoleId: roleName },
  };
});
