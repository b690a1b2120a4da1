import type { LocalCloud } from '../local/index.js';
import type { DemoCase, DemoFault } from './demoScenario.js';

/** A fault the demo put into the local cloud: what, where, and how to count its firings. */
export interface InjectedFault {
  readonly namespace: string;
  /** What was injected, e.g. `CreateSnapshotCopyConfiguration answers 400 ValidationException "…"`. */
  readonly fault: string;
  /** Where: the local service and the switch that did it, as `local serve` users would reach it. */
  readonly where: string;
  /** The fault rule's id, when it is one (its hits are read back for the report). */
  readonly ruleId?: string;
}

const REDSHIFT_SERVICE = 'RedshiftServerless';

/**
 * Injects a case's fault into the local cloud, before its namespace is created, through the same
 * switches the control API exposes (`POST /_local/redshift-serverless/busy`, `POST /_local/faults`,
 * `POST /_local/roles`).
 */
export function injectFault(cloud: LocalCloud, demoCase: DemoCase): InjectedFault | undefined {
  const fault = demoCase.fault;
  if (fault === undefined) return undefined;
  const namespace = demoCase.namespace;
  switch (fault.kind) {
    case 'busy':
      cloud.redshift.markBusy(namespace, fault.seconds);
      break;
    case 'role-missing':
      cloud.accounts.roles.declare(demoCase.account, fault.roleName, false);
      break;
    case 'error': {
      const rule = cloud.faults.add({
        service: REDSHIFT_SERVICE,
        operation: fault.operation,
        matchBody: { namespaceName: namespace },
        error: { code: fault.code, message: fault.message, statusCode: fault.statusCode },
      });
      return { namespace, ...describeFault(fault, demoCase.account), ruleId: rule.id };
    }
  }
  return { namespace, ...describeFault(fault, demoCase.account) };
}

/** What a fault does (to the namespace, or to its account) and where it lives, in words. */
function describeFault(fault: DemoFault, account: string): { fault: string; where: string } {
  switch (fault.kind) {
    case 'role-missing':
      return {
        fault: `role ${fault.roleName} of ${account} declared missing: STS AssumeRole into it answers 403 AccessDenied`,
        where: 'local STS, roles declared missing (POST /_local/roles)',
      };
    case 'busy':
      return {
        fault: `namespace stays MODIFYING for ${fault.seconds} s: CreateSnapshotCopyConfiguration answers ConflictException`,
        where: 'local Redshift Serverless, busy switch (POST /_local/redshift-serverless/busy)',
      };
    case 'error':
      return {
        fault: `${fault.operation} answers ${fault.statusCode} ${fault.code} "${fault.message}"`,
        where: 'local Redshift Serverless, fault rule matching namespaceName (POST /_local/faults)',
      };
  }
}

/** How many calls each injected fault rule answered (busy switches have no rule to count). */
export function faultHits(cloud: LocalCloud, injected: readonly InjectedFault[]): Map<string, number> {
  const hits = new Map(cloud.faults.list().map((rule) => [rule.id, rule.hits]));
  return new Map(
    injected
      .filter((fault) => fault.ruleId !== undefined)
      .map((fault) => [fault.namespace, hits.get(fault.ruleId ?? '') ?? 0]),
  );
}
