import { readJsonPath } from './jsonPath.js';

/** What a target says about the text it receives (PutTargets fields). */
export interface TargetInputSettings {
  readonly Input?: unknown;
  readonly InputPath?: unknown;
  readonly InputTransformer?: unknown;
}

export interface InputTransformer {
  readonly InputPathsMap?: Record<string, string>;
  readonly InputTemplate: string;
}

/** The rule the event matched, for the predefined `<aws.events.rule-…>` variables. */
export interface RuleContext {
  readonly ruleArn: string;
  readonly ruleName: string;
  readonly ingestionTime: string;
}

const PLACEHOLDER = /<([A-Za-z0-9_.-]+)>/g;
const PLACEHOLDER_AT = /<([A-Za-z0-9_.-]+)>/y;

/**
 * The message a target receives for an event: the constant `Input`, the part of the event at
 * `InputPath`, the rendered `InputTransformer`, or else the whole event as JSON.
 */
export function renderTargetInput(
  target: TargetInputSettings,
  event: Record<string, unknown>,
  rule: RuleContext,
): string {
  if (typeof target.Input === 'string') {
    return target.Input;
  }
  if (typeof target.InputPath === 'string') {
    return JSON.stringify(readJsonPath(event, target.InputPath) ?? null);
  }
  if (target.InputTransformer !== undefined && target.InputTransformer !== null) {
    return renderInputTransformer(target.InputTransformer as InputTransformer, event, rule);
  }
  return JSON.stringify(event);
}

/**
 * Fills `<variable>` placeholders. In a JSON template (one starting with `{`, `[` or `"`) a
 * placeholder inside a JSON string gets the value's text, escaped for that string, and one
 * outside a string gets the value as JSON (strings quoted, a missing value `null`). Any other
 * template gets the values' plain text.
 */
export function renderInputTransformer(
  transformer: InputTransformer,
  event: Record<string, unknown>,
  rule: RuleContext,
): string {
  const values = new Map<string, unknown>();
  for (const [name, path] of Object.entries(transformer.InputPathsMap ?? {})) {
    values.set(name, readJsonPath(event, path));
  }
  const { detail: _detail, ...withoutDetail } = event;
  const predefined: Record<string, unknown> = {
    'aws.events.rule-arn': rule.ruleArn,
    'aws.events.rule-name': rule.ruleName,
    'aws.events.event.ingestion-time': rule.ingestionTime,
    'aws.events.event': withoutDetail,
    'aws.events.event.json': event,
  };
  const lookup = (name: string): { readonly known: boolean; readonly value: unknown } =>
    Object.hasOwn(predefined, name)
      ? { known: true, value: predefined[name] }
      : { known: values.has(name), value: values.get(name) };

  const template = transformer.InputTemplate;
  const trimmed = template.trimStart();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"'))) {
    return template.replace(PLACEHOLDER, (whole, name: string) => {
      const { known, value } = lookup(name);
      return known ? plainText(value) : whole;
    });
  }
  let output = '';
  let insideString = false;
  let index = 0;
  while (index < template.length) {
    const character = template[index] ?? '';
    if (character === '\\' && insideString) {
      output += template.slice(index, index + 2);
      index += 2;
      continue;
    }
    if (character === '"') {
      insideString = !insideString;
    } else if (character === '<') {
      PLACEHOLDER_AT.lastIndex = index;
      const match = PLACEHOLDER_AT.exec(template);
      if (match !== null) {
        const { known, value } = lookup(match[1] ?? '');
        if (known) {
          output += insideString
            ? JSON.stringify(plainText(value)).slice(1, -1)
            : JSON.stringify(value ?? null);
          index += match[0].length;
          continue;
        }
      }
    }
    output += character;
    index += 1;
  }
  return output;
}

function plainText(value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}
