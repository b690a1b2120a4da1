import { LOCAL_ACCOUNT_ID } from '../../../src/local/services/contracts.js';
import {
  DISABLED_RULE,
  REFUSED_EVENTS,
  refusedEventStep,
  SCENARIO_RULES,
  TRANSFORMED_RULE,
} from './eventBridgeScenario.js';
import { type KnownDivergence, rewriteOk } from './knownDivergence.js';
import type { StepOutcome } from './runScenario.js';

const refusedEntry = (ErrorCode: string) => (): StepOutcome => ({
  ok: { FailedEntryCount: 1, Entries: [{ ErrorCode }] },
});

const deliveredWholeEvents = (Object.keys(SCENARIO_RULES) as (keyof typeof SCENARIO_RULES)[])
  .filter((rule) => rule !== DISABLED_RULE && rule !== TRANSFORMED_RULE)
  .map((rule) => `ReceiveMessage: what ${rule} delivered`);

/** Where moto 5.2.1's EventBridge is not the reference in the scenario, with what AWS does instead. */
export const EVENT_BRIDGE_DIVERGENCES: readonly KnownDivergence[] = [
  ...deliveredWholeEvents.map((step) => ({
    step,
    reason:
      "moto renders an SQS target's input from a template that leaves out `account` " +
      '(EventTemplateParser.DEFAULT_EVENT_INPUT_TEMPLATE); AWS delivers the whole event, whose envelope ' +
      'always has account (EventBridge user guide: event structure).',
    towardAws: (outcome: StepOutcome) =>
      rewriteOk(outcome, (_key, value) =>
        typeof value === 'object' && value !== null && 'detail-type' in value && !('account' in value)
          ? { ...value, account: LOCAL_ACCOUNT_ID }
          : value,
      ),
  })),
  {
    step: `ReceiveMessage: what ${DISABLED_RULE} delivered`,
    reason:
      'moto sends matching events to the targets of DISABLED rules too; AWS does not (PutRule: "If the state ' +
      'is DISABLED, the rule is disabled and will not match any events").',
    towardAws: () => ({ ok: [] }),
  },
  {
    step: refusedEventStep('an aws.* source'),
    reason:
      'moto accepts a PutEvents entry whose Source starts with "aws."; real EventBridge refuses it with the ' +
      'entry error NotAuthorizedForSourceException (only AWS services may emit aws.* events).',
    towardAws: refusedEntry('NotAuthorizedForSourceException'),
  },
  ...(['a Detail that is a JSON array', 'a Detail that is a JSON string'] as const).map((entry) => ({
    step: refusedEventStep(entry),
    reason:
      `moto accepts ${entry} (it only warns "EventDetail should be of type dict"); real EventBridge refuses ` +
      `an entry whose Detail is not a JSON object with the entry error MalformedDetail (${REFUSED_EVENTS[entry].Detail}).`,
    towardAws: refusedEntry('MalformedDetail'),
  })),
];

const matches = (ok: boolean) => (): StepOutcome => ({ ok });

const refusedPattern = (): StepOutcome => ({
  error: { name: 'InvalidEventPatternException', fault: 'client', status: 400 },
});

/**
 * TestEventPattern cases where moto's matching departs from EventBridge's documented semantics
 * (and from aws/event-ruler, the engine EventBridge publishes); step = case name.
 */
export const PATTERN_DIVERGENCES: readonly KnownDivergence[] = [
  {
    step: 'numeric does not match a boolean',
    reason:
      'moto tests isinstance(value, (int, float)), and a Python bool is an int, so true passes numeric ' +
      '[">", 0]; AWS numeric matching applies to JSON numbers only.',
    towardAws: matches(false),
  },
  {
    step: 'exact number 1 does not match true',
    reason: 'moto compares with Python ==, where True == 1; AWS matches a JSON number only against a number.',
    towardAws: matches(false),
  },
  {
    step: 'exists false on an empty array',
    reason:
      'moto keeps an empty array as a present leaf; AWS matches values, and an empty array has none, so the ' +
      'field does not exist ("exists matching only works on leaf nodes").',
    towardAws: matches(true),
  },
  {
    step: 'a field inside an array of objects matches',
    reason:
      'moto flattens objects but not arrays of objects, so detail.tags.key is never found; AWS matches a ' +
      'field inside objects of an array (event-ruler flattens arrays of objects).',
    towardAws: matches(true),
  },
  {
    step: 'invalid: unknown operator',
    reason:
      'moto treats an unknown match operator ({"contains": …}) as matching everything; AWS rejects the pattern ' +
      'with InvalidEventPatternException ("Unrecognized match type contains").',
    towardAws: refusedPattern,
  },
  {
    step: 'invalid: prefix of a number',
    reason:
      'moto accepts {"prefix": 1} in PutRule and then fails PutEvents with an internal error (500); AWS rejects ' +
      'the pattern with InvalidEventPatternException ("prefix match pattern must be a string").',
    towardAws: refusedPattern,
  },
];
