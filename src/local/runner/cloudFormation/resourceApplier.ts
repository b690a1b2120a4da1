import type { Partition } from '../../accounts/partition.js';
import type { DeployClients, DeployOptions, LocalDeployment, LocalFunction } from './types.js';

/** What a resource gives the resources after it: its `Ref` value and its `Fn::GetAtt` attributes. */
export interface AppliedResource {
  readonly ref: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/** A resource about to be applied: its properties have their intrinsic functions resolved. */
export interface ResourceToApply {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** The stack as the deployer builds it, shared by the appliers of one template. */
export interface StackInProgress {
  readonly clients: DeployClients;
  readonly options: DeployOptions;
  readonly partition: Partition;
  /** Filled in resource by resource. */
  readonly deployment: LocalDeployment;
  /** The stack's functions by ARN, for the rules and mappings that name them so. */
  readonly functionsByArn: Map<string, LocalFunction>;
  /** Work that waits until every resource is applied, run in the order it was added. */
  readonly afterResources: (() => void)[];
  /** `arn:<partition>:<service>:<region>:<account>:<resourcePart>` of this stack. */
  arnOf(service: string, resourcePart: string): string;
}

/**
 * Applies one resource type to the local cloud through the API a deployment would call, and
 * says what the resource gives the ones that refer to it. One module per type, in
 * resourceAppliers.ts's table.
 */
export type ResourceApplier = (resource: ResourceToApply, stack: StackInProgress) => Promise<AppliedResource>;

/** The name CloudFormation gives a resource the template leaves unnamed (stack name and logical id). */
export function physicalName(
  explicit: unknown,
  resource: ResourceToApply,
  stack: Pick<StackInProgress, 'options'>,
): string {
  return stringProperty(explicit) ?? `${stack.options.stackName}-${resource.logicalId}`;
}

/** A property that is a non-empty string, or undefined. */
export function stringProperty(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
