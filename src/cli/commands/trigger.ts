import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { isAccountId, isNamespaceName, regionOfEventBusArn } from '../../domain/identifiers.js';
import { RequestOrigin } from '../../domain/namespaceRef.js';
import { DEFAULT_EVENT_BUS, DetailType, EventSource } from '../../events/constants.js';
import { AWS_OPTIONS_USAGE, awsClientConfig, awsOptions, outputFormat } from '../awsOptions.js';
import type { Command } from '../command.js';
import { UsageError } from '../errors.js';
import { requireKnownRegion } from '../regionOption.js';
import { sdkClientConfig } from '../sdkClientConfig.js';

/**
 * The PutEvents entry of a manual request. Region and account default to the envelope's (the
 * bus it is put on), so only an account or region other than the bus's needs saying: in an
 * organization the central bus lives in one region, the namespaces in many.
 */
export function snapshotCopyRequestedEntry(request: {
  readonly namespaceName: string;
  readonly account?: string;
  readonly region?: string;
  readonly bus: string;
}): PutEventsRequestEntry {
  return {
    Source: EventSource.CopyAutopilot,
    DetailType: DetailType.SnapshotCopyRequested,
    EventBusName: request.bus,
    Detail: JSON.stringify({
      namespaceName: request.namespaceName,
      account: request.account,
      region: request.region,
      origin: RequestOrigin.Manual,
    }),
  };
}

/** `copy-autopilot trigger NAME`: asks the automation to (re)check one namespace now. */
export const trigger: Command = {
  path: ['trigger'],
  summary: 'put a "Snapshot Copy Requested" event for a namespace on the bus',
  usage: [
    'copy-autopilot trigger NAME [--bus B] [--account A] [--namespace-region R] [aws options]',
    '',
    `Puts an event (source ${EventSource.CopyAutopilot}, detail-type "${DetailType.SnapshotCopyRequested}")`,
    'on the bus; the copy-requested rule sends it to the requests queue and the worker ensures the',
    "namespace's copy configuration. Prints the event id (the worker logs it as correlation id).",
    '',
    '  --bus B           event bus name or ARN (default: default); an ARN names the region too',
    "  --account A       the namespace's account, when it is not the bus's (a member account)",
    '  --namespace-region R',
    "                    the namespace's region, when it is not the bus's (--region names the bus's)",
    AWS_OPTIONS_USAGE,
  ].join('\n'),
  notOk: 'the bus refused the event (PutEvents reported an entry error)',
  options: {
    ...awsOptions,
    bus: { type: 'string', default: DEFAULT_EVENT_BUS },
    account: { type: 'string' },
    'namespace-region': { type: 'string' },
  },
  allowPositionals: true,
  run: async ({ values, positionals }, { printer, env }) => {
    const output = outputFormat(values);
    if (positionals.length !== 1) {
      throw new UsageError('expected one namespace name', 'e.g. copy-autopilot trigger prod-orders');
    }
    const namespaceName = positionals[0] as string;
    if (!isNamespaceName(namespaceName)) {
      throw new UsageError(`${namespaceName}: a namespace name is 3–64 characters of a-z, 0-9 and "-"`);
    }
    const account = typeof values.account === 'string' ? values.account : undefined;
    if (account !== undefined && !isAccountId(account)) {
      throw new UsageError(`--account ${account}: an account id is 12 digits`);
    }
    const namespaceRegion =
      typeof values['namespace-region'] === 'string'
        ? requireKnownRegion(values['namespace-region'], '--namespace-region')
        : undefined;
    const bus = typeof values.bus === 'string' && values.bus !== '' ? values.bus : DEFAULT_EVENT_BUS;
    const config = sdkClientConfig(
      awsClientConfig({ ...values, region: busRegion(bus, values.region) }, env),
      env,
    );

    const client = new EventBridgeClient(config);
    try {
      const entry = snapshotCopyRequestedEntry({ namespaceName, bus, account, region: namespaceRegion });
      const response = await client.send(new PutEventsCommand({ Entries: [entry] }));
      const [result] = response.Entries ?? [];
      // PutEvents answers 200 with per-entry errors: a refused entry is only visible here.
      if ((response.FailedEntryCount ?? 0) > 0 || result?.EventId === undefined) {
        const reason = `${result?.ErrorCode ?? 'UnknownError'}: ${result?.ErrorMessage ?? 'no event id returned'}`;
        if (output === 'json') printer.json({ namespaceName, bus, error: reason });
        printer.note(`error: the event for ${namespaceName} was not accepted on bus ${bus}: ${reason}`);
        return 1;
      }
      if (output === 'json') {
        printer.json({ eventId: result.EventId, namespaceName, bus, region: config.region });
      } else {
        printer.line(result.EventId);
        printer.note(`requested a snapshot copy check for ${namespaceName} on bus ${bus} (${config.region})`);
      }
      return 0;
    } finally {
      client.destroy();
    }
  },
};

/**
 * The region the event is put in: a bus ARN's own (PutEvents reaches a bus in the caller's
 * region only), else --region or the default. An ARN and a --region that disagree are a mistake.
 */
function busRegion(bus: string, region: unknown): unknown {
  const named = regionOfEventBusArn(bus);
  if (named === undefined) return region;
  const arnRegion = requireKnownRegion(named, `--bus ${bus}: region`);
  if (typeof region === 'string' && region !== '' && region !== arnRegion) {
    throw new UsageError(
      `--bus ${bus} is in ${arnRegion}, --region says ${region}`,
      'drop --region, or name a bus of that region',
    );
  }
  return arnRegion;
}
