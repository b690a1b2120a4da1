import { checkOperationInput } from '../../serviceModel/checkShape.js';
import { stsErrors } from './stsErrors.js';
import { STS_MODEL } from './stsModel.js';
import type { StsOperation } from './stsOperations.js';

/**
 * Checks a request (query parameters read into the model's shape by readQueryInput) against the
 * operation's input shape in the vendored STS model before any action runs. STS answers every
 * broken constraint in one ValidationError worded as Coral words it ("1 validation error
 * detected: Value 'a:b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy
 * regular expression pattern: [\w+=,.@-]*", as AWS answers, e.g. JuliaCloud/AWSCore.jl#38). A
 * parameter that does not parse as its type (DurationSeconds=abc) is a ValidationError too, STS's
 * one code for bad input; its wording is the local cloud's (not confirmed against AWS).
 */
export function validateStsInput(operation: StsOperation, input: Readonly<Record<string, unknown>>): void {
  const check = checkOperationInput(STS_MODEL, operation, input);
  if (check.typeMismatch !== undefined) throw stsErrors.malformed(check.typeMismatch);
  if (check.violations.length > 0) throw stsErrors.validation(check.violations);
}
