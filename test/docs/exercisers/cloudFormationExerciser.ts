import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isAwsRegion } from '../../../src/domain/awsRegions.js';
import { readTemplateFile } from '../../../src/local/runner/cloudFormation/readTemplateFile.js';
import { type CommandRun, NotExercisableError, type SessionContext } from './types.js';

/** The template's parameters as CloudFormation checks them. */
interface TemplateParameter {
  readonly Default?: string;
  readonly AllowedPattern?: string;
  readonly AllowedValues?: readonly string[];
}

/** Options of the two StackSet calls the docs show; any other is one the test cannot vouch for. */
const OPTIONS: Readonly<Record<string, readonly string[]>> = {
  'create-stack-set': [
    '--stack-set-name',
    '--template-body',
    '--capabilities',
    '--parameters',
    '--permission-model',
    '--auto-deployment',
    '--call-as',
    '--description',
  ],
  'create-stack-instances': [
    '--stack-set-name',
    '--deployment-targets',
    '--regions',
    '--parameter-overrides',
    '--call-as',
    '--operation-preferences',
  ],
  deploy: ['--template-file', '--stack-name', '--capabilities', '--parameter-overrides', '--region'],
};

/**
 * `aws cloudformation create-stack-set|create-stack-instances|deploy …`, checked offline (the local
 * cloud does not emulate CloudFormation): the template file exists and parses, every parameter
 * given is one the template declares and passes its AllowedPattern / AllowedValues, a
 * create-stack-set or deploy gives every parameter without a default, the capabilities cover the named
 * IAM role, and every region is a region. `npm run test:interop` also has the real AWS CLI parse
 * the line (see test/interop/docs).
 */
export async function exerciseCloudFormation(
  words: readonly string[],
  session: SessionContext,
): Promise<CommandRun> {
  const [, , operation = ''] = words;
  const allowed = OPTIONS[operation];
  if (allowed === undefined) {
    throw new NotExercisableError(
      `aws cloudformation ${operation}: the docs test knows ${Object.keys(OPTIONS).join(', ')}`,
    );
  }
  const options = readOptions(words.slice(3), allowed);
  const templatePath =
    options['--template-body']?.[0]?.replace(/^file:\/\//, '') ??
    options['--template-file']?.[0] ??
    'deploy/member-account.yml';
  if (!existsSync(join(session.repoRoot, templatePath))) {
    return { exitCode: 255, output: `no file ${templatePath}` };
  }
  const template = await readTemplateFile(join(session.repoRoot, templatePath));
  const problems = problemsOf(
    operation,
    options,
    (template.Parameters ?? {}) as Record<string, TemplateParameter>,
  );
  return problems.length === 0
    ? { exitCode: 0, output: '', via: `checked offline against ${templatePath}` }
    : { exitCode: 254, output: problems.join('; ') };
}

function problemsOf(
  operation: string,
  options: Record<string, string[]>,
  declared: Record<string, TemplateParameter>,
): string[] {
  // create-stack-instances only overrides what the stack set was given; the others give it all.
  const complete = operation !== 'create-stack-instances';
  const given = parameterValues(options['--parameters'] ?? options['--parameter-overrides'] ?? []);
  const problems = parameterProblems(given, declared, complete);
  for (const region of [...(options['--regions'] ?? []), ...(options['--region'] ?? [])]) {
    if (!isAwsRegion(region)) problems.push(`unknown region ${region}`);
  }
  if (complete && !(options['--capabilities'] ?? []).includes('CAPABILITY_NAMED_IAM')) {
    problems.push('the template creates a named IAM role: --capabilities CAPABILITY_NAMED_IAM is required');
  }
  return problems;
}

function readOptions(words: readonly string[], allowed: readonly string[]): Record<string, string[]> {
  const options: Record<string, string[]> = {};
  let current: string[] | undefined;
  for (const word of words) {
    if (word.startsWith('--')) {
      if (!allowed.includes(word))
        throw new NotExercisableError(`aws cloudformation option ${word}: not known to the docs test`);
      current = [];
      options[word] = current;
    } else if (current === undefined) {
      throw new NotExercisableError(`aws cloudformation: "${word}" before any option`);
    } else {
      current.push(word);
    }
  }
  return options;
}

/** `ParameterKey=K,ParameterValue=V` (StackSets) or `K=V` (`deploy`) words as { K: V }. */
function parameterValues(words: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const word of words) {
    const match = /^ParameterKey=([^,]+),ParameterValue=(.*)$/s.exec(word) ?? /^(\w+)=(.*)$/s.exec(word);
    if (match === null)
      throw new NotExercisableError(`"${word}" is not ParameterKey=K,ParameterValue=V or K=V`);
    values[match[1] ?? ''] = match[2] ?? '';
  }
  return values;
}

function parameterProblems(
  given: Record<string, string>,
  declared: Record<string, TemplateParameter>,
  requireAll: boolean,
): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(given)) {
    const parameter = declared[key];
    if (parameter === undefined) problems.push(`the template has no parameter ${key}`);
    else if (parameter.AllowedPattern !== undefined && !new RegExp(parameter.AllowedPattern).test(value))
      problems.push(`${key}=${value} does not match ${parameter.AllowedPattern}`);
    else if (parameter.AllowedValues !== undefined && !parameter.AllowedValues.includes(value))
      problems.push(`${key}=${value} is not one of ${parameter.AllowedValues.join(', ')}`);
  }
  if (requireAll) {
    for (const [key, parameter] of Object.entries(declared)) {
      if (parameter.Default === undefined && !(key in given))
        problems.push(`parameter ${key} has no default: give it`);
    }
  }
  return problems;
}
