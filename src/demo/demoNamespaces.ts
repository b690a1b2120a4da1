import { CreateNamespaceCommand } from '@aws-sdk/client-redshift-serverless';
import { type InjectedFault, injectFault } from './demoFaults.js';
import type { DemoRun } from './demoRun.js';
import { DEMO_CASES } from './demoScenario.js';

/**
 * Creates every case's namespace in its account and region, each signed as its account (as a
 * team there would), after injecting the fault the case needs.
 */
export async function createNamespaces({ automation, clients, progress }: DemoRun): Promise<InjectedFault[]> {
  const injected: InjectedFault[] = [];
  for (const demoCase of DEMO_CASES) {
    const fault = injectFault(automation.cloud, demoCase);
    if (fault !== undefined) {
      injected.push(fault);
      progress(`injected for ${fault.namespace}: ${fault.fault} (in the ${fault.where})`);
    }
    await clients.redshift(demoCase.account, demoCase.region).send(
      new CreateNamespaceCommand({
        namespaceName: demoCase.namespace,
        adminUsername: 'admin',
        adminUserPassword: 'Demo-Passw0rd-never-logged',
        tags: Object.entries(demoCase.tags ?? {}).map(([key, value]) => ({ key, value })),
      }),
    );
    progress(
      `created namespace ${demoCase.namespace} in ${demoCase.account}, ${demoCase.region}: ${demoCase.story}`,
    );
  }
  return injected;
}

/** A CreateNamespace that fails (name taken): CloudTrail records it, the rule must not forward it. */
export async function createDuplicateName({ clients, progress }: DemoRun): Promise<number> {
  const [first] = DEMO_CASES;
  if (first === undefined) return 0;
  try {
    await clients
      .redshift(first.account, first.region)
      .send(new CreateNamespaceCommand({ namespaceName: first.namespace }));
    return 0;
  } catch {
    progress(
      `created namespace ${first.namespace} again: failed (ConflictException); the rule filters the failed call`,
    );
    return 1;
  }
}
