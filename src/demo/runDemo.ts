import { startLocalAutomation } from '../local/index.js';
import { callsBetween } from './demoCallCounts.js';
import { DemoClients } from './demoClients.js';
import { settleAndFollowUp } from './demoFollowUps.js';
import { createDuplicateName, createNamespaces } from './demoNamespaces.js';
import { buildReport, type DemoReport } from './demoReport.js';
import { type DemoRun, type OutcomeLine, recordOutcome } from './demoRun.js';
import {
  DEMO_ACCOUNTS,
  DEMO_CASES,
  DEMO_MEMBER_ROLE_NAME,
  DEMO_POLICY_FILE,
  HOME_REGION,
} from './demoScenario.js';
import { runStatus } from './demoStatus.js';

export type { DemoReport } from './demoReport.js';

export interface DemoOptions {
  readonly serviceDir: string;
  /** The policy to deploy; DEMO_POLICY_FILE (the scenario's own) by default. */
  readonly policyFile?: string;
  readonly port?: number;
  /** How long to wait for every case to settle. */
  readonly timeoutMs?: number;
  readonly progress: (line: string) => void;
}

/**
 * `copy-autopilot local demo`: boots the local cloud with a home and three other accounts in two
 * regions, deploys serverless.yml onto it (and the member template into the other accounts),
 * creates a namespace for every path through the automation (injecting the fault a path needs),
 * waits for each to settle and runs its follow-up, runs `status` over the policy's scope, and
 * checks the result against the scenario (demoScenario.ts).
 */
export async function runDemo(demoOptions: DemoOptions): Promise<DemoReport> {
  const started = performance.now();
  // Every progress line carries the seconds since start: the demo is also a latency story.
  const progress = (line: string) =>
    demoOptions.progress(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s] ${line}`);
  const policyFile = demoOptions.policyFile ?? DEMO_POLICY_FILE;
  const outcomes: OutcomeLine[] = [];
  progress(
    `policy: ${policyFile}${policyFile === DEMO_POLICY_FILE ? " (the demo's own; --policy FILE deploys another)" : ''}`,
  );
  const automation = await startLocalAutomation({
    serviceDir: demoOptions.serviceDir,
    port: demoOptions.port ?? 0,
    region: HOME_REGION,
    params: { policyFile },
    memberAccounts: DEMO_ACCOUNTS,
    memberRoleName: DEMO_MEMBER_ROLE_NAME,
    onLog: (line) => recordOutcome(line, outcomes, progress),
    onStep: progress,
  });
  const clients = new DemoClients(automation.url, automation.region);
  const run: DemoRun = { automation, clients, outcomes, restores: new Map(), progress };
  try {
    const injected = await createNamespaces(run);
    const filteredFailedCalls = await createDuplicateName(run);
    const deadline = performance.now() + (demoOptions.timeoutMs ?? 45_000);
    await Promise.all(DEMO_CASES.map((demoCase) => settleAndFollowUp(run, demoCase, deadline)));
    const before = automation.cloud.redshift.callCounts();
    progress('running copy-autopilot status over the policy scope');
    const statusStarted = performance.now();
    const status = await runStatus({
      url: automation.url,
      region: automation.region,
      policyFile,
      serviceDir: demoOptions.serviceDir,
    });
    const statusCalls = callsBetween(before, automation.cloud.redshift.callCounts());
    progress(`status exited ${status.exitCode} (${Math.round(performance.now() - statusStarted)} ms)`);
    return await buildReport(run, {
      policyFile,
      injected,
      filteredFailedCalls,
      status,
      statusCalls,
      started,
    });
  } finally {
    progress('stopping the local cloud');
    clients.destroy();
    await automation.close();
    progress('stopped');
  }
}
