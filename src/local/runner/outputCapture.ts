/**
 * Lambda's stdout is CloudWatch Logs: structured log lines and EMF metrics. Handlers run
 * in-process here, so their stdout is tapped: JSON lines go to the sink (the runner turns them
 * into logs and metrics), anything else is passed through untouched.
 */
export interface CapturedLine {
  readonly record: Record<string, unknown>;
  readonly raw: string;
}

export function captureJsonOutput(sink: (line: CapturedLine) => void, passThroughJson = false): () => void {
  const original = process.stdout.write.bind(process.stdout);
  let pending = '';
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    pending += text;
    let passed = '';
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      const record = parseJsonObject(line);
      if (record) {
        sink({ record, raw: line });
        if (passThroughJson) passed += `${line}\n`;
      } else passed += `${line}\n`;
      newline = pending.indexOf('\n');
    }
    if (passed) return (original as (...args: unknown[]) => boolean)(passed, ...rest);
    const callback = rest.find((item) => typeof item === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  };
  process.stdout.write = write as typeof process.stdout.write;
  return () => {
    process.stdout.write = original as typeof process.stdout.write;
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
