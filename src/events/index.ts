export {
  CloudTrailEventName,
  DetailType,
  EventSource,
  REDSHIFT_SERVERLESS_EVENT_SOURCE,
} from './constants.js';
export {
  EventParseError,
  InvalidRequestError,
  MalformedBodyError,
  ParseFailureReason,
  UnknownEventError,
} from './errors.js';
export { MAX_BODY_LENGTH, parseCopyRequest } from './parseCopyRequest.js';
export type { ParsedMessage } from './types.js';
