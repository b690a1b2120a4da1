import { join } from 'node:path';
import { partitionOfRegion } from '../accounts/partition.js';
import type { LocalCloud } from '../localCloud.js';
import { deployTemplate } from './cloudFormation/deployTemplate.js';
import { readTemplateFile } from './cloudFormation/readTemplateFile.js';
import type { DeployClients, LocalDeployment } from './cloudFormation/types.js';

/** The member role's name when neither the options nor the params name one (the member template's default). */
export const DEFAULT_MEMBER_ROLE_NAME = 'copy-autopilot-member';
/** The stack name each member (account, region) gets, as a StackSet instance would be named. */
export const MEMBER_STACK_NAME = 'copy-autopilot-member';

/** A member account stood up next to the central stack: `{ account: '111111111111', regions: ['us-east-1', 'eu-west-1'] }`. */
export interface LocalMemberAccount {
  /** 12-digit account id; clients of this account sign with it as access key id. */
  readonly account: string;
  /**
   * Regions to deploy deploy/member-account.yml into (its forwarding rule to the central bus in
   * each; the first also "creates" the member role). Opt-in regions are enabled for the account.
   */
  readonly regions: readonly string[];
  /** The account's name in the organization (`account-<id>` by default). */
  readonly name?: string;
  /** The root or an organizational unit declared before (`POST /_local/organizational-units`); the root by default. */
  readonly parentId?: string;
  /** `false` declares the member role missing, so AssumeRole into the account is AccessDenied. */
  readonly roleExists?: boolean;
}

/** One member (account, region) the template was deployed into. */
export interface LocalMemberDeployment {
  readonly account: string;
  readonly region: string;
  readonly stackName: string;
  readonly deployment: LocalDeployment;
}

export interface MemberAccountsSetup {
  readonly cloud: LocalCloud;
  /** The central stack's deployment (its outputs name the worker role and the central bus). */
  readonly central: {
    readonly deployment: LocalDeployment;
    readonly account: string;
    readonly region: string;
  };
  readonly memberAccounts: readonly LocalMemberAccount[];
  readonly memberRoleName: string;
  readonly templatePath: string;
  /** Clients signed as `account` in `region`, for the deployment's calls. */
  clientsFor(account: string, region: string): DeployClients;
}

/** Where the member template lives in a service directory. */
export const memberTemplatePath = (serviceDir: string): string =>
  join(serviceDir, 'deploy', 'member-account.yml');

/**
 * Stands up member accounts the way an operator does on AWS: each account joins the
 * organization (the central account is its management account already), and the member
 * template is deployed into each of its regions with the central stack's outputs as parameters,
 * so its rule forwards that region's namespace events to the central bus for real. The central
 * (account, region) itself is skipped (its own rules see its events); the central account's
 * other regions get the forwarding rule like any member region.
 */
export async function deployMemberAccounts(setup: MemberAccountsSetup): Promise<LocalMemberDeployment[]> {
  const { cloud, central } = setup;
  if (setup.memberAccounts.length === 0) return [];
  const template = await readTemplateFile(setup.templatePath);
  const partition = partitionOfRegion(central.region);
  const parameters = {
    CentralWorkerRoleArn:
      central.deployment.outputs?.CopyWorkerRoleArn ??
      `arn:${partition}:iam::${central.account}:role/copy-autopilot-worker`,
    // The sweep worker's role, trusted by the member role next to the copy worker's.
    CentralSweepWorkerRoleArn: central.deployment.outputs?.SweepWorkerRoleArn ?? '',
    CentralEventBusArn:
      central.deployment.outputs?.CentralEventBusArn ??
      `arn:${partition}:events:${central.region}:${central.account}:event-bus/default`,
    MemberRoleName: setup.memberRoleName,
  };
  const deployments: LocalMemberDeployment[] = [];
  for (const member of setup.memberAccounts) {
    if (member.account !== central.account) {
      cloud.accounts.organization.declareAccount({
        id: member.account,
        name: member.name,
        parentId: member.parentId,
      });
    }
    if (member.roleExists === false)
      cloud.accounts.roles.declare(member.account, setup.memberRoleName, false, partition);
    for (const [index, region] of member.regions.entries()) {
      cloud.accounts.regions.ensureEnabled(member.account, region);
      if (member.account === central.account && region === central.region) continue;
      const deployment = await deployTemplate(template, setup.clientsFor(member.account, region), {
        stackName: MEMBER_STACK_NAME,
        region,
        account: member.account,
        parameters: { ...parameters, CreateMemberRole: index === 0 ? 'true' : 'false' },
      });
      deployments.push({ account: member.account, region, stackName: MEMBER_STACK_NAME, deployment });
    }
  }
  return deployments;
}
