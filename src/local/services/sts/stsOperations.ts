/** Every operation the local STS answers; any other Action is InvalidAction. */
export const STS_OPERATIONS = ['AssumeRole', 'GetCallerIdentity'] as const;

export type StsOperation = (typeof STS_OPERATIONS)[number];

const KNOWN: ReadonlySet<string> = new Set(STS_OPERATIONS);

export function isStsOperation(name: string): name is StsOperation {
  return KNOWN.has(name);
}
