/**
 * An event as PutEvents can send it (the envelope fields PutEvents lets a caller set), so the
 * same case can be run through TestEventPattern and through a rule that delivers to SQS.
 */
export interface PatternCaseEvent {
  readonly source?: string;
  readonly detailType?: string;
  readonly resources?: readonly string[];
  /** The detail object, or its JSON text when the spelling matters (`3.0e2`). */
  readonly detail?: Readonly<Record<string, unknown>> | string;
}

export interface PatternCase {
  readonly name: string;
  readonly pattern: unknown;
  readonly event: PatternCaseEvent;
}

export const CASE_SOURCE = 'diff.case';
export const CASE_DETAIL_TYPE = 'Case';

/** The detail JSON exactly as sent. */
export const detailJsonOf = (event: PatternCaseEvent): string =>
  typeof event.detail === 'string' ? event.detail : JSON.stringify(event.detail ?? {});

const detail = (fields: Record<string, unknown>, pattern: Record<string, unknown>) => ({
  pattern: { detail: pattern },
  event: { detail: fields },
});

/**
 * The TestEventPattern table: each operator of the pattern language with a matching and a
 * non-matching event, the edges where implementations part (absent fields, null, arrays,
 * numbers against strings and booleans), and patterns AWS rejects.
 */
export const PATTERN_CASES: readonly PatternCase[] = [
  { name: 'exact source matches', pattern: { source: [CASE_SOURCE] }, event: {} },
  { name: 'exact match is case-sensitive', pattern: { source: ['DIFF.CASE'] }, event: {} },
  { name: 'prefix matches', pattern: { source: [{ prefix: 'diff.' }] }, event: {} },
  { name: 'prefix does not match elsewhere', pattern: { source: [{ prefix: 'case' }] }, event: {} },
  {
    name: 'prefix with equals-ignore-case',
    pattern: { source: [{ prefix: { 'equals-ignore-case': 'DIFF.' } }] },
    event: {},
  },
  { name: 'prefix never matches a number', ...detail({ n: 12 }, { n: [{ prefix: '1' }] }) },
  { name: 'suffix matches', ...detail({ file: 'a.png' }, { file: [{ suffix: '.png' }] }) },
  { name: 'suffix is case-sensitive', ...detail({ file: 'a.PNG' }, { file: [{ suffix: '.png' }] }) },
  {
    name: 'equals-ignore-case matches',
    pattern: { 'detail-type': [{ 'equals-ignore-case': 'CASE' }] },
    event: {},
  },
  {
    name: 'anything-but a list excludes its values',
    ...detail({ state: 'draft' }, { state: [{ 'anything-but': ['cancelled', 'draft'] }] }),
  },
  {
    name: 'anything-but lets other values through',
    ...detail({ state: 'paid' }, { state: [{ 'anything-but': ['cancelled', 'draft'] }] }),
  },
  {
    name: 'anything-but needs the field present',
    ...detail({ other: 'x' }, { state: [{ 'anything-but': 'draft' }] }),
  },
  { name: 'anything-but a number list', ...detail({ n: 200 }, { n: [{ 'anything-but': [100, 200] }] }) },
  { name: 'anything-but a string matches a number', ...detail({ n: 1 }, { n: [{ 'anything-but': '1' }] }) },
  {
    name: 'anything-but prefix',
    ...detail({ region: 'eu-west-1' }, { region: [{ 'anything-but': { prefix: 'us-' } }] }),
  },
  {
    name: 'anything-but on an event array matches if one element is not excluded',
    ...detail({ states: ['x', 'y'] }, { states: [{ 'anything-but': 'x' }] }),
  },
  {
    name: 'numeric range inside',
    ...detail({ amount: 250 }, { amount: [{ numeric: ['>', 100, '<=', 1000] }] }),
  },
  {
    name: 'numeric open bound excludes the bound',
    ...detail({ amount: 100 }, { amount: [{ numeric: ['>', 100, '<=', 1000] }] }),
  },
  {
    name: 'numeric closed bound includes the bound',
    ...detail({ amount: 1000 }, { amount: [{ numeric: ['>', 100, '<=', 1000] }] }),
  },
  {
    name: 'numeric ignores numeric strings',
    ...detail({ amount: '250' }, { amount: [{ numeric: ['>', 0] }] }),
  },
  {
    name: 'numeric on an event array',
    ...detail({ amounts: [1, 50] }, { amounts: [{ numeric: ['>', 10] }] }),
  },
  {
    name: 'numeric does not match a boolean',
    ...detail({ flag: true }, { flag: [{ numeric: ['>', 0] }] }),
  },
  {
    name: 'exact number matches another spelling of it',
    pattern: { detail: { n: [300] } },
    event: { detail: '{"n": 3.0e2}' },
  },
  { name: 'exact number does not match a numeric string', ...detail({ n: '300' }, { n: [300] }) },
  { name: 'exact number 1 does not match true', ...detail({ flag: true }, { flag: [1] }) },
  { name: 'true matches true', ...detail({ flag: true }, { flag: [true] }) },
  { name: 'null matches JSON null', ...detail({ v: null }, { v: [null] }) },
  { name: 'null does not match an absent field', ...detail({ other: 1 }, { v: [null] }) },
  { name: 'exists true on a present field', ...detail({ error: 'x' }, { error: [{ exists: true }] }) },
  { name: 'exists true on a null value', ...detail({ error: null }, { error: [{ exists: true }] }) },
  { name: 'exists false on an absent field', ...detail({ other: 1 }, { error: [{ exists: false }] }) },
  { name: 'exists false on a present field', ...detail({ error: 'x' }, { error: [{ exists: false }] }) },
  {
    name: 'exists true on an object field (exists looks at leaves only)',
    ...detail({ c: { d: 1 } }, { c: [{ exists: true }] }),
  },
  {
    name: 'exists false on an object field (exists looks at leaves only)',
    ...detail({ c: { d: 1 } }, { c: [{ exists: false }] }),
  },
  { name: 'exists false on an empty array', ...detail({ list: [] }, { list: [{ exists: false }] }) },
  {
    name: 'event array matches if any element matches',
    pattern: { resources: ['arn:aws:diff:us-east-1:000000000000:b'] },
    event: { resources: ['arn:aws:diff:us-east-1:000000000000:a', 'arn:aws:diff:us-east-1:000000000000:b'] },
  },
  {
    name: 'a field inside an array of objects matches',
    ...detail(
      {
        tags: [
          { key: 'team', value: 'data' },
          { key: 'tier', value: 'gold' },
        ],
      },
      { tags: { key: ['tier'] } },
    ),
  },
  { name: 'cidr inside', ...detail({ ip: '10.0.0.7' }, { ip: [{ cidr: '10.0.0.0/24' }] }) },
  { name: 'cidr outside', ...detail({ ip: '10.0.1.7' }, { ip: [{ cidr: '10.0.0.0/24' }] }) },
  { name: 'wildcard in the middle', pattern: { source: [{ wildcard: 'diff*case' }] }, event: {} },
  {
    name: 'wildcard is anchored',
    pattern: { source: [{ wildcard: 'diff*' }] },
    event: { source: 'xdiff.case' },
  },
  {
    name: 'mixed matchers in one leaf are or-ed',
    ...detail({ v: 'pre-1' }, { v: ['x', { prefix: 'pre' }, { numeric: ['>', 100] }] }),
  },
  {
    name: '$or at top level, second branch',
    pattern: { source: [CASE_SOURCE], $or: [{ 'detail-type': ['Other'] }, { detail: { n: [1] } }] },
    event: { detail: { n: 1 } },
  },
  {
    name: '$or with no branch matching',
    pattern: { $or: [{ 'detail-type': ['A'] }, { 'detail-type': ['B'] }] },
    event: {},
  },
  {
    name: '$or nested inside detail',
    ...detail({ b: 7 }, { $or: [{ a: [{ numeric: ['>', 0] }] }, { b: [{ numeric: ['>', 5] }] }] }),
  },
  { name: 'invalid: scalar instead of array', pattern: { source: CASE_SOURCE }, event: {} },
  { name: 'invalid: empty leaf array', pattern: { source: [] }, event: {} },
  { name: 'invalid: unknown operator', pattern: { source: [{ contains: 'diff' }] }, event: {} },
  { name: 'invalid: prefix of a number', pattern: { source: [{ prefix: 1 }] }, event: {} },
];
