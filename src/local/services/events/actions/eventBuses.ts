import { AwsServiceError } from '../../../protocol/serviceError.js';
import type { RequestContext } from '../../../protocol/types.js';
import { DEFAULT_BUS, type EventBridgeStore, type EventBusRecord } from '../eventBridgeStore.js';
import { busNameOf, findBus, optionalString, page, stringMember } from '../validations.js';

const describe = (bus: EventBusRecord): Record<string, unknown> => ({
  Name: bus.name,
  Arn: bus.arn,
  Description: bus.description,
  CreationTime: bus.creationTime / 1000,
  LastModifiedTime: bus.creationTime / 1000,
});

export function createEventBus(store: EventBridgeStore, input: Record<string, unknown>, ctx: RequestContext) {
  const name = stringMember(input, 'Name');
  const buses = store.buses(ctx.region);
  if (buses.has(name)) {
    throw new AwsServiceError('ResourceAlreadyExistsException', `Event bus ${name} already exists.`);
  }
  const bus = store.newBus(ctx.region, name, optionalString(input, 'Description'));
  buses.set(name, bus);
  return { EventBusArn: bus.arn, Description: bus.description };
}

/** The default bus cannot be deleted (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DeleteEventBus.html). */
export function deleteEventBus(store: EventBridgeStore, input: Record<string, unknown>, ctx: RequestContext) {
  const name = stringMember(input, 'Name');
  if (name === DEFAULT_BUS) {
    throw new AwsServiceError('ValidationException', 'Cannot delete event bus default.');
  }
  store.buses(ctx.region).delete(name);
  return {};
}

export function describeEventBus(
  store: EventBridgeStore,
  input: Record<string, unknown>,
  ctx: RequestContext,
) {
  return describe(findBus(store, ctx.region, busNameOf(input.Name)));
}

export function listEventBuses(store: EventBridgeStore, input: Record<string, unknown>, ctx: RequestContext) {
  const prefix = optionalString(input, 'NamePrefix') ?? '';
  const buses = [...store.buses(ctx.region).values()]
    .filter((bus) => bus.name.startsWith(prefix))
    .sort((left, right) => left.name.localeCompare(right.name));
  const { items, nextToken } = page(buses, input);
  return { EventBuses: items.map(describe), NextToken: nextToken };
}
