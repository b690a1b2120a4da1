/**
 * Lambda's stdout and stderr are CloudWatch Logs: structured log lines and EMF metrics.
 * Handlers run in-process here, so both streams are tapped: JSON lines go to the sink (the
 * runner turns them into logs and metrics), anything else is passed through untouched.
 */
export interface CapturedLine {
  readonly record: Record<string, unknown>;
  readonly raw: string;
  readonly stream: 'stdout' | 'stderr';
}

type Write = typeof process.stdout.write;

export function captureJsonOutput(sink: (line: CapturedLine) => void, passThroughJson = false): () => void {
  const releases = (['stdout', 'stderr'] as const).map((name) => tap(name, sink, passThroughJson));
  return () => {
    for (const release of releases) release();
  };
}

function tap(
  name: 'stdout' | 'stderr',
  sink: (line: CapturedLine) => void,
  passThroughJson: boolean,
): () => void {
  const stream = process[name];
  const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  let pending = '';
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    let passed = '';
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      const record = parseJsonObject(line);
      if (record) {
        sink({ record, raw: line, stream: name });
        if (passThroughJson) passed += `${line}\n`;
      } else passed += `${line}\n`;
      newline = pending.indexOf('\n');
    }
    if (passed) return original(passed, ...rest);
    const callback = rest.find((item) => typeof item === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  };
  stream.write = write as Write;
  return () => {
    stream.write = original as Write;
    if (pending) original(pending);
  };
}

function parseJsonObject(line: string): Record<string, unknown> | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
