/**
 * The small part of POSIX shell the docs' command lines use, read the way `sh` reads it:
 * words with '…' and "…" quotes and backslash escapes, `$NAME` / `${NAME}` expansion, `&&`
 * between commands and a trailing `# comment`. Anything else (pipes, redirections, `;`,
 * command substitution, background jobs) is refused: the docs test would not know how to run
 * it, and a reader's copy-paste should not depend on it either.
 */

/** One simple command of a line: its words after quote removal and expansion. */
export interface ShellCommand {
  readonly words: readonly string[];
}

export interface ShellLine {
  /** The commands joined by `&&`, in order. */
  readonly commands: readonly ShellCommand[];
  /** The text after an unquoted `#` at the start of a word, trimmed; '' when none. */
  readonly comment: string;
}

/** A line the docs test cannot read as shell. */
export class ShellSyntaxError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'ShellSyntaxError';
  }
}

/** What `$NAME` expands to; undefined = unset (an error: the docs never rely on empty expansion). */
export type Variables = (name: string) => string | undefined;

const OPERATORS = new Set(['|', ';', '>', '<', '`', '(', ')']);

interface Cursor {
  readonly text: string;
  index: number;
}

/** Parses one logical line (continuations already joined). */
export function parseShellLine(text: string, variables: Variables): ShellLine {
  const cursor: Cursor = { text, index: 0 };
  const commands: ShellCommand[] = [];
  let words: string[] = [];
  let comment = '';
  while (cursor.index < text.length) {
    const char = text.charAt(cursor.index);
    if (char === ' ' || char === '\t') {
      cursor.index += 1;
    } else if (char === '#') {
      comment = text.slice(cursor.index + 1).trim();
      break;
    } else if (text.startsWith('&&', cursor.index)) {
      commands.push(endCommand(words));
      words = [];
      cursor.index += 2;
    } else if (char === '&' || OPERATORS.has(char)) {
      throw new ShellSyntaxError(
        `unsupported shell syntax "${char}" (the docs test runs simple commands and &&)`,
      );
    } else {
      words.push(readWord(cursor, variables));
    }
  }
  if (words.length > 0 || commands.length > 0) commands.push(endCommand(words));
  return { commands, comment };
}

function endCommand(words: readonly string[]): ShellCommand {
  if (words.length === 0) throw new ShellSyntaxError('an empty command around &&');
  return { words };
}

function readWord(cursor: Cursor, variables: Variables): string {
  const { text } = cursor;
  let word = '';
  while (cursor.index < text.length) {
    const char = text.charAt(cursor.index);
    if (char === ' ' || char === '\t' || text.startsWith('&&', cursor.index)) break;
    if (char === '&' || OPERATORS.has(char)) {
      throw new ShellSyntaxError(
        `unsupported shell syntax "${char}" (the docs test runs simple commands and &&)`,
      );
    }
    if (char === "'") {
      const end = text.indexOf("'", cursor.index + 1);
      if (end === -1) throw new ShellSyntaxError('unterminated single quote');
      word += text.slice(cursor.index + 1, end);
      cursor.index = end + 1;
    } else if (char === '"') {
      word += readDoubleQuoted(cursor, variables);
    } else if (char === '\\') {
      word += text.charAt(cursor.index + 1);
      cursor.index += 2;
    } else if (char === '$') {
      word += readVariable(cursor, variables);
    } else {
      word += char;
      cursor.index += 1;
    }
  }
  return word;
}

function readDoubleQuoted(cursor: Cursor, variables: Variables): string {
  const { text } = cursor;
  let value = '';
  cursor.index += 1;
  while (cursor.index < text.length) {
    const char = text.charAt(cursor.index);
    if (char === '"') {
      cursor.index += 1;
      return value;
    }
    if (char === '\\' && '"\\$`'.includes(text.charAt(cursor.index + 1))) {
      value += text.charAt(cursor.index + 1);
      cursor.index += 2;
    } else if (char === '$') {
      value += readVariable(cursor, variables);
    } else if (char === '`') {
      throw new ShellSyntaxError('unsupported shell syntax "`" (command substitution)');
    } else {
      value += char;
      cursor.index += 1;
    }
  }
  throw new ShellSyntaxError('unterminated double quote');
}

function readVariable(cursor: Cursor, variables: Variables): string {
  const rest = cursor.text.slice(cursor.index);
  const match = /^\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))/.exec(rest);
  if (match === null) throw new ShellSyntaxError(`unsupported expansion at "${rest.slice(0, 12)}"`);
  const name = match[1] ?? match[2] ?? '';
  const value = variables(name);
  if (value === undefined) throw new ShellSyntaxError(`$${name} is not set by an earlier line of the page`);
  cursor.index += match[0].length;
  return value;
}

/** `NAME=value` words (an `export` line, or an assignment on its own), or undefined when not one. */
export function assignmentsOf(words: readonly string[]): [string, string][] | undefined {
  const assignments = words[0] === 'export' ? words.slice(1) : words;
  if (assignments.length === 0) return undefined;
  const pairs = assignments.map((word) => /^([A-Za-z_]\w*)=(.*)$/s.exec(word));
  if (pairs.some((pair) => pair === null)) return undefined;
  return pairs.map((pair) => [pair?.[1] ?? '', pair?.[2] ?? '']);
}
