import { matchesPattern } from '../pattern/index.js';
import { compilePatternForApi } from '../patternErrors.js';
import { stringMember, validationError } from '../validations.js';

/**
 * The envelope fields TestEventPattern insists on
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_TestEventPattern.html, Event).
 */
const REQUIRED_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'] as const;

/** TestEventPattern: compiles the pattern (InvalidEventPatternException) and matches the event. */
export function testEventPattern(input: Record<string, unknown>) {
  const pattern = compilePatternForApi(stringMember(input, 'EventPattern'));
  const eventText = stringMember(input, 'Event');
  let event: unknown;
  try {
    event = JSON.parse(eventText);
  } catch {
    throw validationError('Parameter Event is not valid.');
  }
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    throw validationError('Parameter Event is not valid.');
  }
  const missingField = REQUIRED_EVENT_FIELDS.find((field) => !Object.hasOwn(event, field));
  if (missingField !== undefined) {
    throw validationError(
      `Parameter Event is not valid. Reason: Provided Event is missing field ${missingField}.`,
    );
  }
  return { Result: matchesPattern(pattern, event) };
}
