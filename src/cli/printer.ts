/**
 * All CLI output goes through a Printer, never console.log, so commands can be tested by
 * reading what they printed and so `--output json` has one place to switch.
 */
export interface Printer {
  /** A line of the command's result (stdout). */
  line(text?: string): void;
  /** Progress and diagnostics (stderr), kept out of piped results. */
  note(text: string): void;
  /** Rewrites the current stderr line (a progress bar) when attached to a terminal. */
  status(text: string): void;
  json(value: unknown): void;
  table(rows: readonly Record<string, unknown>[], columns?: readonly string[]): void;
}

export function createStreamPrinter(
  stdout: NodeJS.WritableStream = process.stdout,
  stderr: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr,
): Printer {
  let statusShown = false;
  const clearStatus = () => {
    if (statusShown) stderr.write('\r\u001b[2K');
    statusShown = false;
  };
  return {
    line: (text = '') => {
      clearStatus();
      stdout.write(`${text}\n`);
    },
    note: (text) => {
      clearStatus();
      stderr.write(`${text}\n`);
    },
    status: (text) => {
      if (stderr.isTTY) {
        stderr.write(`\r\u001b[2K${text}`);
        statusShown = true;
      } else stderr.write(`${text}\n`);
    },
    json: (value) => {
      clearStatus();
      stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
    table: (rows, columns) => {
      clearStatus();
      stdout.write(formatTable(rows, columns));
    },
  };
}

/** A printer that records everything, for tests. */
export function createMemoryPrinter(): Printer & { readonly out: string[]; readonly err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    line: (text = '') => out.push(text),
    note: (text) => err.push(text),
    status: (text) => err.push(text),
    json: (value) => out.push(JSON.stringify(value, null, 2)),
    table: (rows, columns) => out.push(...formatTable(rows, columns).trimEnd().split('\n')),
  };
}

export function formatTable(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  const names = columns ?? [...new Set(rows.flatMap((row) => Object.keys(row)))];
  if (names.length === 0) return '';
  const cells = rows.map((row) => names.map((name) => formatCell(row[name])));
  const widths = names.map((name, index) =>
    Math.max(name.length, ...cells.map((row) => row[index]?.length ?? 0)),
  );
  const render = (values: readonly string[]) =>
    values
      .map((value, index) => value.padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd();
  return `${[render(names.map((name) => name.toUpperCase())), ...cells.map(render)].join('\n')}\n`;
}

function formatCell(value: unknown): string {
  if (value === undefined || value === null) return '-';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
