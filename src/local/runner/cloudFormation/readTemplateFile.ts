import { readFile } from 'node:fs/promises';
import { parse, type Tags } from 'yaml';
import { TemplateError } from './errors.js';
import type { CloudFormationTemplate } from './types.js';

/** CloudFormation's YAML short forms and the long form each stands for (`!Sub x` → `{ 'Fn::Sub': x }`). */
const SHORT_FORMS: Readonly<Record<string, string>> = {
  Ref: 'Ref',
  Condition: 'Condition',
  Sub: 'Fn::Sub',
  GetAtt: 'Fn::GetAtt',
  If: 'Fn::If',
  Equals: 'Fn::Equals',
  Not: 'Fn::Not',
  And: 'Fn::And',
  Or: 'Fn::Or',
  Join: 'Fn::Join',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
};

/** Every short form as a scalar and as a sequence (`!GetAtt A.B` is the scalar spelling of `[A, B]`). */
const CLOUDFORMATION_TAGS: Tags = Object.entries(SHORT_FORMS).flatMap(([short, long]) => [
  {
    tag: `!${short}`,
    resolve: (value: string) => ({ [long]: short === 'GetAtt' ? value.split('.') : value }),
  },
  {
    tag: `!${short}`,
    collection: 'seq' as const,
    resolve: (sequence: { toJSON(): unknown }) => ({ [long]: sequence.toJSON() }),
  },
]);

/** Parses a CloudFormation template written in YAML, short-form intrinsics included. */
export function parseTemplateYaml(text: string): CloudFormationTemplate {
  const template: unknown = parse(text, { customTags: CLOUDFORMATION_TAGS });
  if (typeof template !== 'object' || template === null || !('Resources' in template)) {
    throw new TemplateError('not a CloudFormation template: there is no Resources section');
  }
  return template as CloudFormationTemplate;
}

/** Reads a YAML (or JSON, which is YAML) CloudFormation template from disk. */
export async function readTemplateFile(path: string): Promise<CloudFormationTemplate> {
  return parseTemplateYaml(await readFile(path, 'utf8'));
}
