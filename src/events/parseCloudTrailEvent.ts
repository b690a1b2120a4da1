import { RequestOrigin } from '../domain/namespaceRef.js';
import { truncate } from '../domain/truncate.js';
import { CloudTrailEventName, REDSHIFT_SERVERLESS_EVENT_SOURCE } from './constants.js';
import { FieldRule } from './eventFields.js';
import { accountOf, readNamespaceArn, readTagList, regionOf, splitNamespaceArn } from './namespaceFields.js';
import type { EventEnvelope, ParsedMessage } from './types.js';

/** Longest piece of event data quoted in an `ignored` reason. */
const MAX_REASON_DETAIL = 100;

/**
 * Turns a CloudTrail "AWS API Call via CloudTrail" event for Redshift Serverless into a copy
 * request. CreateNamespace asks for a new namespace's protection; TagResource/UntagResource
 * on a namespace may change which policy rule applies; DeleteSnapshotCopyConfiguration /
 * UpdateSnapshotCopyConfiguration say someone removed or changed a configuration. Failed calls,
 * other API calls and tag changes on other resources are valid events that need no work:
 * `ignored`.
 *
 * Only the fields named below are read from `requestParameters`: it also carries the admin
 * user and password (masked by CloudTrail, but still not ours to copy anywhere).
 */
export function parseCloudTrailEvent(envelope: EventEnvelope): ParsedMessage {
  const { detail, fields } = envelope;
  const eventSource = fields.string(detail, 'eventSource', 'detail.eventSource', FieldRule.Code);
  if (eventSource !== REDSHIFT_SERVERLESS_EVENT_SOURCE) {
    throw fields.invalid('detail.eventSource', `"${REDSHIFT_SERVERLESS_EVENT_SOURCE}"`, eventSource);
  }
  const eventName = fields.string(detail, 'eventName', 'detail.eventName', FieldRule.Code);
  if (!isHandled(eventName)) {
    return ignored(envelope, `CloudTrail ${truncate(eventName, MAX_REASON_DETAIL)} calls are not handled`);
  }
  // CloudTrail records denied and failed calls too; only `errorCode` tells them apart.
  const errorCode = fields.optionalString(detail, 'errorCode', 'detail.errorCode', FieldRule.Code);
  if (errorCode !== undefined) return ignored(envelope, `${eventName} failed: ${errorCode}`);

  switch (eventName) {
    case CloudTrailEventName.CreateNamespace:
      return parseCreateNamespace(envelope, requestParameters(envelope));
    case CloudTrailEventName.TagResource:
    case CloudTrailEventName.UntagResource:
      return parseTagChange(envelope, eventName, requestParameters(envelope));
    case CloudTrailEventName.DeleteSnapshotCopyConfiguration:
    case CloudTrailEventName.UpdateSnapshotCopyConfiguration:
      return parseConfigurationChange(envelope, eventName);
  }
}

function requestParameters(envelope: EventEnvelope): Readonly<Record<string, unknown>> {
  return envelope.fields.object(envelope.detail, 'requestParameters', 'detail.requestParameters');
}

/**
 * The account and region a CloudTrail call acted in: the recipient account and the call's
 * region. The envelope's are the bus's, which differ when CloudTrail events are forwarded from
 * another account or region.
 */
function callLocation(envelope: EventEnvelope): { account: string; region: string } {
  const { detail } = envelope;
  return {
    account: accountOf(envelope, { value: detail.recipientAccountId, path: 'detail.recipientAccountId' }),
    region: regionOf(envelope, { value: detail.awsRegion, path: 'detail.awsRegion' }),
  };
}

function isHandled(eventName: string): eventName is CloudTrailEventName {
  return Object.values<string>(CloudTrailEventName).includes(eventName);
}

function ignored(envelope: EventEnvelope, reason: string): ParsedMessage {
  return { kind: 'ignored', eventId: envelope.eventId, reason };
}

function parseCreateNamespace(
  envelope: EventEnvelope,
  requestParameters: Readonly<Record<string, unknown>>,
): ParsedMessage {
  const { detail, fields } = envelope;
  const { account, region } = callLocation(envelope);
  const name = fields.string(
    requestParameters,
    'namespaceName',
    'detail.requestParameters.namespaceName',
    FieldRule.NamespaceName,
  );
  const eventTags = readTagList(envelope, requestParameters.tags, 'detail.requestParameters.tags');

  const responseElements = fields.optionalObject(detail, 'responseElements', 'detail.responseElements');
  const namespace =
    responseElements === undefined
      ? undefined
      : fields.optionalObject(responseElements, 'namespace', 'detail.responseElements.namespace');
  const arn = readNamespaceArn(
    envelope,
    namespace?.namespaceArn,
    'detail.responseElements.namespace.namespaceArn',
    { account, region },
  );

  return {
    kind: 'request',
    request: {
      eventId: envelope.eventId,
      origin: RequestOrigin.CloudTrail,
      namespace: arn === undefined ? { account, region, name } : { account, region, name, arn },
      // The one kept: a request is compared key by key (the parse tests use toStrictEqual), and
      // one from an event without tags has no eventTags key rather than an undefined one.
      ...(eventTags === undefined ? {} : { eventTags }),
      requestedAt: envelope.requestedAt,
    },
  };
}

/**
 * TagResource/UntagResource name the resource by ARN only, and its last part is the
 * namespace id, not its name: the request carries a NamespaceByArn for the worker to look up.
 * No event tags: the call holds the change, not the namespace's tags, and matching a policy
 * on a partial set would pick the wrong rule. The worker reads the live tags.
 */
function parseTagChange(
  envelope: EventEnvelope,
  eventName: CloudTrailEventName,
  requestParameters: Readonly<Record<string, unknown>>,
): ParsedMessage {
  const resourceArn = envelope.fields.string(
    requestParameters,
    'resourceArn',
    'detail.requestParameters.resourceArn',
    FieldRule.Arn,
  );
  const namespace = splitNamespaceArn(resourceArn);
  if (namespace === undefined) {
    return ignored(
      envelope,
      `${eventName} on a resource that is not a namespace: ${truncate(resourceArn, MAX_REASON_DETAIL)}`,
    );
  }
  return {
    kind: 'request',
    request: {
      eventId: envelope.eventId,
      origin: RequestOrigin.TagChange,
      namespace,
      requestedAt: envelope.requestedAt,
    },
  };
}

/**
 * DeleteSnapshotCopyConfiguration / UpdateSnapshotCopyConfiguration name the configuration by id
 * in their request; the namespace is named only in the response's configuration. The request
 * parameters are not read at all.
 */
function parseConfigurationChange(envelope: EventEnvelope, eventName: CloudTrailEventName): ParsedMessage {
  const { detail, fields } = envelope;
  const { account, region } = callLocation(envelope);
  const responseElements = fields.object(detail, 'responseElements', 'detail.responseElements');
  const configuration = fields.object(
    responseElements,
    'snapshotCopyConfiguration',
    'detail.responseElements.snapshotCopyConfiguration',
  );
  const name = fields.string(
    configuration,
    'namespaceName',
    'detail.responseElements.snapshotCopyConfiguration.namespaceName',
    FieldRule.NamespaceName,
  );
  return {
    kind: 'request',
    request: {
      eventId: envelope.eventId,
      origin:
        eventName === CloudTrailEventName.DeleteSnapshotCopyConfiguration
          ? RequestOrigin.ConfigurationDeleted
          : RequestOrigin.ConfigurationChanged,
      namespace: { account, region, name },
      requestedAt: envelope.requestedAt,
    },
  };
}
