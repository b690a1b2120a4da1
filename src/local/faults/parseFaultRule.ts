import { InvalidFaultRuleError } from './errors.js';
import { FAULT_ERRORS, type FaultErrorName } from './faultErrors.js';
import type { FaultRuleInput } from './types.js';

const KNOWN_FIELDS = new Set([
  'service',
  'operation',
  'error',
  'count',
  'untilMs',
  'seconds',
  'latencyMs',
  'probability',
  'matchBody',
]);

/** Friendlier names for the target prefixes people do not remember (`DynamoDB_20120810`). */
const SERVICE_ALIASES: Readonly<Record<string, string>> = {
  DynamoDB: 'DynamoDB_20120810',
  SQS: 'AmazonSQS',
  EventBridge: 'AWSEvents',
  STS: 'AWSSecurityTokenServiceV20110615',
  Organizations: 'AWSOrganizationsV20161128',
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const nonEmptyString = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || value.length === 0) {
    throw new InvalidFaultRuleError(field, 'must be a non-empty string');
  }
  return value;
};

const optionalNumber = (
  value: unknown,
  field: string,
  check: (n: number) => boolean,
  expectation: string,
): number | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || !check(value)) {
    throw new InvalidFaultRuleError(field, `must be ${expectation}`);
  }
  return value;
};

const parseError = (value: unknown): FaultRuleInput['error'] => {
  if (value === undefined) return undefined;
  if (typeof value === 'string') {
    if (!Object.hasOwn(FAULT_ERRORS, value)) {
      throw new InvalidFaultRuleError(
        'error',
        `must be one of ${Object.keys(FAULT_ERRORS).join(', ')} or {code, message, statusCode}`,
      );
    }
    return value as FaultErrorName;
  }
  if (!isRecord(value))
    throw new InvalidFaultRuleError('error', 'must be a name or {code, message, statusCode}');
  const code = nonEmptyString(value.code, 'error.code');
  if (value.message !== undefined && typeof value.message !== 'string') {
    throw new InvalidFaultRuleError('error.message', 'must be a string');
  }
  const statusCode = optionalNumber(
    value.statusCode,
    'error.statusCode',
    (n) => Number.isInteger(n) && n >= 400 && n <= 599,
    'an HTTP error status (400–599)',
  );
  return { code, message: value.message, statusCode };
};

const parseMatchBody = (value: unknown): Record<string, string> | undefined => {
  if (value === undefined) return undefined;
  if (!isRecord(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw new InvalidFaultRuleError('matchBody', 'must be an object of string values');
  }
  return value as Record<string, string>;
};

/**
 * Validates a fault rule as it arrives from the control API or a test, naming the first field
 * that is wrong. A rule must do something (fail or delay) and has at most one time window.
 */
export const parseFaultRule = (value: unknown): FaultRuleInput => {
  if (!isRecord(value)) throw new InvalidFaultRuleError('rule', 'must be a JSON object');
  const unknown = Object.keys(value).find((key) => !KNOWN_FIELDS.has(key));
  if (unknown !== undefined) throw new InvalidFaultRuleError(unknown, 'is not a known field');
  const named = nonEmptyString(value.service, 'service');
  const service = SERVICE_ALIASES[named] ?? named;
  const operation = value.operation === undefined ? undefined : nonEmptyString(value.operation, 'operation');
  const error = parseError(value.error);
  const count = optionalNumber(
    value.count,
    'count',
    (n) => Number.isInteger(n) && n > 0,
    'a positive integer',
  );
  const untilMs = optionalNumber(value.untilMs, 'untilMs', (n) => n > 0, 'a positive epoch millisecond');
  const seconds = optionalNumber(value.seconds, 'seconds', (n) => n > 0, 'a positive number');
  const latencyMs = optionalNumber(value.latencyMs, 'latencyMs', (n) => n >= 0, 'zero or more');
  const probability = optionalNumber(
    value.probability,
    'probability',
    (n) => n >= 0 && n <= 1,
    'between 0 and 1',
  );
  const matchBody = parseMatchBody(value.matchBody);
  if (untilMs !== undefined && seconds !== undefined) {
    throw new InvalidFaultRuleError('seconds', 'cannot be combined with untilMs');
  }
  if (error === undefined && latencyMs === undefined) {
    throw new InvalidFaultRuleError('error', 'or latencyMs is required: a rule must fail or delay calls');
  }
  return { service, operation, error, count, untilMs, seconds, latencyMs, probability, matchBody };
};
