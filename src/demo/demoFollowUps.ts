import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  DeleteSnapshotCopyConfigurationCommand,
  ListSnapshotCopyConfigurationsCommand,
} from '@aws-sdk/client-redshift-serverless';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { snapshotCopyRequestedEntry } from '../cli/commands/trigger.js';
import { DEFAULT_EVENT_BUS } from '../events/constants.js';
import { caseKey, type DemoRun, deployedQueue, outcomesOf, waitFor } from './demoRun.js';
import { type DemoCase, HOME_ACCOUNT } from './demoScenario.js';

/**
 * Waits for the worker's final outcome for the case (anything but a retry), then runs its
 * follow-up at once, while other cases are still settling.
 */
export async function settleAndFollowUp(run: DemoRun, demoCase: DemoCase, deadline: number): Promise<void> {
  const mine = () => outcomesOf(run, demoCase);
  const final = await waitFor(() => mine().find((line) => line.outcome !== 'retry'), deadline);
  if (final === undefined) return;
  const ttp = final.timeToProtectionSeconds;
  run.progress(
    `${demoCase.namespace} (${demoCase.account}) settled: ${final.outcome}${ttp === undefined ? '' : ` (TimeToProtection ${ttp.toFixed(2)} s)`}`,
  );
  switch (demoCase.followUp?.kind) {
    case 'duplicates': {
      const before = mine().length;
      const times = demoCase.followUp.times;
      await sendDuplicates(run, demoCase, times);
      await waitFor(() => mine().length >= before + times || undefined, deadline);
      return;
    }
    case 'delete-configuration':
      await deleteAndAwaitRestore(run, demoCase, deadline);
      return;
  }
}

/**
 * One operator request on the bus (the entry `copy-autopilot trigger` puts), then the very same
 * event delivered again straight to the queue, as an at-least-once redelivery would: both must
 * end without a second Create.
 */
async function sendDuplicates(run: DemoRun, demoCase: DemoCase, times: number): Promise<void> {
  const { automation, clients } = run;
  const entry = snapshotCopyRequestedEntry({
    namespaceName: demoCase.namespace,
    account: demoCase.account,
    region: demoCase.region,
    bus: DEFAULT_EVENT_BUS,
  });
  await clients.events.send(new PutEventsCommand({ Entries: [entry] }));
  const queue = deployedQueue(automation, 'RequestsQueue');
  const event = {
    version: '0',
    id: `demo-duplicate-${demoCase.namespace}`,
    'detail-type': entry.DetailType,
    source: entry.Source,
    account: HOME_ACCOUNT,
    time: new Date().toISOString(),
    region: automation.region,
    resources: [],
    detail: JSON.parse(entry.Detail ?? '{}'),
  };
  for (let copy = 1; copy < times; copy += 1) {
    await clients.sqs.send(
      new SendMessageCommand({ QueueUrl: queue.url, MessageBody: JSON.stringify(event) }),
    );
  }
  run.progress(`requested ${demoCase.namespace} again ${times} times (one a duplicate delivery)`);
}

/**
 * Deletes the case's copy configuration by hand, as someone in that account would (the SDK,
 * signed as the account), and waits for the worker's `restored` line: CloudTrail's record of
 * the deletion, forwarded by the member template where it is not the central region, brings the
 * namespace back through the worker. Records how long that took.
 */
async function deleteAndAwaitRestore(run: DemoRun, demoCase: DemoCase, deadline: number): Promise<void> {
  const redshift = run.clients.redshift(demoCase.account, demoCase.region);
  const { snapshotCopyConfigurations = [] } = await redshift.send(
    new ListSnapshotCopyConfigurationsCommand({ namespaceName: demoCase.namespace }),
  );
  const [configuration] = snapshotCopyConfigurations;
  if (configuration === undefined) return;
  await redshift.send(
    new DeleteSnapshotCopyConfigurationCommand({
      snapshotCopyConfigurationId: configuration.snapshotCopyConfigurationId,
    }),
  );
  const deletedAt = Date.now();
  run.progress(
    `deleted the copy configuration of ${demoCase.namespace} by hand (DeleteSnapshotCopyConfiguration as ${demoCase.account}, ${demoCase.region})`,
  );
  const restored = await waitFor(
    () => outcomesOf(run, demoCase).find((line) => line.outcome === 'restored' && line.at >= deletedAt),
    deadline,
  );
  if (restored === undefined) return;
  const seconds = Math.max(0, (restored.at - deletedAt) / 1000);
  run.restores.set(caseKey(demoCase), seconds);
  run.progress(
    `${demoCase.namespace} (${demoCase.account}) restored ${seconds.toFixed(2)} s after the deletion`,
  );
}
