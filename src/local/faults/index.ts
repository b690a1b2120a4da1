export { InvalidFaultRuleError } from './errors.js';
export { FAULT_ERRORS, type FaultErrorName, type FaultErrorSpec } from './faultErrors.js';
export { FaultInjector, type FaultInjectorOptions } from './faultInjector.js';
export { parseFaultRule } from './parseFaultRule.js';
export type { FaultCall, FaultDecision, FaultRule, FaultRuleInput } from './types.js';
