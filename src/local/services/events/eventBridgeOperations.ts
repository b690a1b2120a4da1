/** Every operation the local EventBridge answers; anything else is UnknownOperationException. */
export const EVENT_BRIDGE_OPERATIONS = [
  'PutEvents',
  'PutRule',
  'DescribeRule',
  'ListRules',
  'DeleteRule',
  'EnableRule',
  'DisableRule',
  'ListRuleNamesByTarget',
  'PutTargets',
  'RemoveTargets',
  'ListTargetsByRule',
  'TestEventPattern',
  'CreateEventBus',
  'DeleteEventBus',
  'DescribeEventBus',
  'ListEventBuses',
] as const;

export type EventBridgeOperation = (typeof EVENT_BRIDGE_OPERATIONS)[number];
