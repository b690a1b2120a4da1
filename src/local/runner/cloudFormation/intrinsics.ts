import { TemplateError } from './errors.js';

/**
 * What a CloudFormation template's intrinsic functions can see while the local deployer
 * applies it: pseudo parameters, parameter values, conditions, and what earlier resources
 * produced (Ref values and attributes).
 */
export interface IntrinsicScope {
  readonly pseudo: Readonly<Record<string, string>>;
  readonly parameters: Readonly<Record<string, string>>;
  readonly conditions: Readonly<Record<string, boolean>>;
  ref(logicalId: string): string | undefined;
  getAtt(logicalId: string, attribute: string): string | undefined;
}

/** Marks a value `Fn::If` or `Ref: AWS::NoValue` removed; dropped from objects and arrays. */
const NO_VALUE = Symbol('AWS::NoValue');

/**
 * Resolves every intrinsic function in a template fragment. Unknown functions are an error,
 * not passed through, so a template the local cloud can't honour fails loudly at deploy.
 */
export function resolveIntrinsics(value: unknown, scope: IntrinsicScope): unknown {
  const resolved = resolveValue(value, scope);
  return resolved === NO_VALUE ? undefined : resolved;
}

function resolveValue(value: unknown, scope: IntrinsicScope): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => resolveValue(item, scope)).filter((item) => item !== NO_VALUE);
  }
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [first] = entries;
  if (entries.length === 1 && first && isIntrinsicName(first[0])) {
    return resolveFunction(first[0], first[1], scope);
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    const resolved = resolveValue(item, scope);
    if (resolved !== NO_VALUE) out[key] = resolved;
  }
  return out;
}

function isIntrinsicName(key: string): boolean {
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::');
}

function resolveFunction(name: string, argument: unknown, scope: IntrinsicScope): unknown {
  switch (name) {
    case 'Ref':
      return resolveRef(String(argument), scope);
    case 'Condition':
      return conditionValue(String(argument), scope);
    case 'Fn::GetAtt': {
      const [logicalId, attribute] = Array.isArray(argument) ? argument : String(argument).split('.');
      const result = scope.getAtt(String(logicalId), String(attribute));
      if (result === undefined)
        throw new TemplateError(`Fn::GetAtt ${logicalId}.${attribute} is not available`);
      return result;
    }
    case 'Fn::Sub':
      return substitute(argument, scope);
    case 'Fn::Join': {
      const [separator, items] = expectArray(name, argument, 2);
      const list = resolveValue(items, scope);
      if (!Array.isArray(list)) throw new TemplateError('Fn::Join expects a list');
      return list.join(String(separator));
    }
    case 'Fn::Select': {
      const [index, items] = expectArray(name, argument, 2);
      const list = resolveValue(items, scope);
      if (!Array.isArray(list)) throw new TemplateError('Fn::Select expects a list');
      return list[Number(resolveValue(index, scope))];
    }
    case 'Fn::Split': {
      const [separator, source] = expectArray(name, argument, 2);
      return String(resolveValue(source, scope)).split(String(separator));
    }
    case 'Fn::If': {
      const [condition, whenTrue, whenFalse] = expectArray(name, argument, 3);
      return resolveValue(conditionValue(String(condition), scope) ? whenTrue : whenFalse, scope);
    }
    case 'Fn::Equals': {
      const [left, right] = expectArray(name, argument, 2);
      return String(resolveValue(left, scope)) === String(resolveValue(right, scope));
    }
    case 'Fn::Not': {
      const [operand] = expectArray(name, argument, 1);
      return !resolveValue(operand, scope);
    }
    case 'Fn::And':
      return expectArray(name, argument).every((operand) => resolveValue(operand, scope) === true);
    case 'Fn::Or':
      return expectArray(name, argument).some((operand) => resolveValue(operand, scope) === true);
    case 'Fn::ToJsonString':
      return JSON.stringify(resolveValue(argument, scope));
    default:
      throw new TemplateError(`${name} is not supported by the local cloud`);
  }
}

function resolveRef(name: string, scope: IntrinsicScope): unknown {
  if (name === 'AWS::NoValue') return NO_VALUE;
  const value = scope.pseudo[name] ?? scope.parameters[name] ?? scope.ref(name);
  if (value === undefined) throw new TemplateError(`Ref ${name} does not name a parameter or resource`);
  return value;
}

function conditionValue(name: string, scope: IntrinsicScope): boolean {
  const value = scope.conditions[name];
  if (value === undefined) throw new TemplateError(`condition ${name} is not defined`);
  return value;
}

function substitute(argument: unknown, scope: IntrinsicScope): string {
  const [template, variables] = Array.isArray(argument) ? argument : [argument, {}];
  const local = (resolveValue(variables ?? {}, scope) ?? {}) as Record<string, unknown>;
  return String(template).replace(/\$\{(!?)([^}]+)\}/g, (_match, literal: string, expression: string) => {
    if (literal) return `\${${expression}}`;
    if (expression in local) return String(local[expression]);
    if (expression.includes('.')) {
      const [logicalId, ...attribute] = expression.split('.');
      const result = scope.getAtt(String(logicalId), attribute.join('.'));
      if (result === undefined) throw new TemplateError(`Fn::Sub \${${expression}} is not available`);
      return result;
    }
    return String(resolveRef(expression, scope));
  });
}

function expectArray(name: string, argument: unknown, length?: number): unknown[] {
  if (!Array.isArray(argument) || (length !== undefined && argument.length !== length)) {
    throw new TemplateError(`${name} expects a list${length === undefined ? '' : ` of ${length}`}`);
  }
  return argument;
}

/** Evaluates a template's Conditions section, in order of need (conditions may refer to each other). */
export function evaluateConditions(
  definitions: Readonly<Record<string, unknown>>,
  scope: Omit<IntrinsicScope, 'conditions'>,
): Record<string, boolean> {
  const results: Record<string, boolean> = {};
  const pending = new Set<string>();
  const conditions = new Proxy(results, {
    get(target, key: string) {
      if (key in target) return target[key];
      if (!(key in definitions)) return undefined;
      if (pending.has(key)) throw new TemplateError(`condition ${key} refers to itself`);
      pending.add(key);
      target[key] = resolveValue(definitions[key], { ...scope, conditions }) === true;
      pending.delete(key);
      return target[key];
    },
  });
  for (const name of Object.keys(definitions)) void conditions[name];
  return results;
}
