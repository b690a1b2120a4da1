import { RequestOrigin } from '../domain/namespaceRef.js';
import { FieldRule } from './eventFields.js';
import { accountOf, readNamespaceArn, regionOf } from './namespaceFields.js';
import type { EventEnvelope, ParsedMessage } from './types.js';

/** The origins a "Snapshot Copy Requested" event may claim: an operator's, or the sweep's. */
const REQUEST_ORIGINS: readonly string[] = [RequestOrigin.Manual, RequestOrigin.Sweep];

/**
 * Turns a "Snapshot Copy Requested" event (`source: copy-autopilot`) into a copy request.
 * Detail: `{ namespaceName, region?, account?, origin?, namespaceArn? }`. Region and account
 * default to the envelope's, i.e. the bus the operator put the event on; `origin` is `manual`
 * unless the scheduled sweep says `sweep`; the sweep may pass the `namespaceArn` that
 * ListNamespaces gave it, which must agree with the account and region.
 */
export function parseSnapshotCopyRequested(envelope: EventEnvelope): ParsedMessage {
  const { detail, fields } = envelope;
  const name = fields.string(detail, 'namespaceName', 'detail.namespaceName', FieldRule.NamespaceName);
  const account = accountOf(envelope, { value: detail.account, path: 'detail.account' });
  const region = regionOf(envelope, { value: detail.region, path: 'detail.region' });
  const origin = readOrigin(envelope);
  const arn = readNamespaceArn(envelope, detail.namespaceArn, 'detail.namespaceArn', { account, region });

  return {
    kind: 'request',
    request: {
      eventId: envelope.eventId,
      origin,
      namespace: arn === undefined ? { account, region, name } : { account, region, name, arn },
      requestedAt: envelope.requestedAt,
    },
  };
}

function readOrigin(envelope: EventEnvelope): RequestOrigin {
  const value = envelope.detail.origin;
  if (value === undefined || value === null) return RequestOrigin.Manual;
  if (typeof value !== 'string' || !REQUEST_ORIGINS.includes(value)) {
    throw envelope.fields.invalid('detail.origin', `one of ${REQUEST_ORIGINS.join(', ')}`, value);
  }
  return value as RequestOrigin;
}
