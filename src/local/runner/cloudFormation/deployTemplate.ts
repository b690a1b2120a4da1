import { partitionOfRegion } from '../../accounts/partition.js';
import { orderResources } from './dependencies.js';
import { TemplateError } from './errors.js';
import { evaluateConditions, type IntrinsicScope, resolveIntrinsics } from './intrinsics.js';
import type { AppliedResource, StackInProgress } from './resourceApplier.js';
import { applierFor } from './resourceAppliers.js';
import type { CloudFormationTemplate, DeployClients, DeployOptions, LocalDeployment } from './types.js';

/**
 * Applies a CloudFormation template to the local cloud through the same APIs a deployment
 * would end up calling, resource by resource in dependency order, each by the applier of its
 * type (resourceAppliers.ts). Resources the local cloud has no equivalent for are listed in
 * `skipped` so nobody mistakes them for tested.
 */
export async function deployTemplate(
  template: CloudFormationTemplate,
  clients: DeployClients,
  options: DeployOptions,
): Promise<LocalDeployment> {
  const applied = new Map<string, AppliedResource>();
  const scope = templateScope(template, options, applied);
  const stack = emptyStack(clients, options);
  for (const logicalId of orderResources(template.Resources)) {
    const resource = template.Resources[logicalId];
    if (!resource) continue;
    if (resource.Condition && !scope.conditions[resource.Condition]) continue;
    const properties = (resolveIntrinsics(resource.Properties ?? {}, scope) ?? {}) as Record<string, unknown>;
    const apply = applierFor(resource.Type);
    applied.set(logicalId, await apply({ logicalId, type: resource.Type, properties }, stack));
  }
  for (const finish of stack.afterResources) finish();
  return { ...stack.deployment, outputs: resolveOutputs(template, scope) };
}

function emptyStack(clients: DeployClients, options: DeployOptions): StackInProgress {
  const partition = partitionOfRegion(options.region);
  return {
    clients,
    options,
    partition,
    deployment: {
      queues: {},
      rules: [],
      tables: [],
      functions: {},
      eventSourceMappings: [],
      schedules: [],
      skipped: [],
    },
    functionsByArn: new Map(),
    afterResources: [],
    arnOf: (service, resourcePart) =>
      `arn:${partition}:${service}:${options.region}:${options.account}:${resourcePart}`,
  };
}

/**
 * What the template's intrinsic functions see: the pseudo parameters of this (account, region),
 * parameter values (given, or the template's defaults), its conditions, and what the resources
 * applied so far produced.
 */
function templateScope(
  template: CloudFormationTemplate,
  options: DeployOptions,
  applied: ReadonlyMap<string, AppliedResource>,
): IntrinsicScope {
  const { account, region, stackName } = options;
  const partition = partitionOfRegion(region);
  const pseudo = {
    'AWS::AccountId': account,
    'AWS::Region': region,
    'AWS::Partition': partition,
    'AWS::StackName': stackName,
    'AWS::StackId': `arn:${partition}:cloudformation:${region}:${account}:stack/${stackName}/local`,
    'AWS::URLSuffix': 'amazonaws.com',
  };
  const parameters: Record<string, string> = {};
  for (const [name, definition] of Object.entries(template.Parameters ?? {})) {
    const value = options.parameters?.[name] ?? definition.Default;
    if (value !== undefined) parameters[name] = String(value);
  }
  const baseScope = {
    pseudo,
    parameters,
    ref: (id: string) => applied.get(id)?.ref,
    getAtt: (id: string, attribute: string) => applied.get(id)?.attributes[attribute],
  };
  return { ...baseScope, conditions: evaluateConditions(template.Conditions ?? {}, baseScope) };
}

/** Outputs whose condition holds; one that refers to what the local cloud did not produce is left out. */
function resolveOutputs(template: CloudFormationTemplate, scope: IntrinsicScope): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const [name, output] of Object.entries(template.Outputs ?? {})) {
    if (output.Condition && !scope.conditions[output.Condition]) continue;
    try {
      const value = resolveIntrinsics(output.Value, scope);
      if (value !== undefined) outputs[name] = String(value);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
    }
  }
  return outputs;
}
