/**
 * The commands a Markdown page shows, as the docs test reads them:
 * - in a fenced block marked `sh`, `bash` or `shell`, every line that is not blank or a
 *   comment is a command;
 * - in a block marked `console`, the lines after a `$ ` prompt are commands and the others are
 *   what they print;
 * - a line ending in `\` continues on the next one;
 * - a trailing `# exit N` says the command exits N (0 when not said); `# exit N within S s`
 *   says it does so within S seconds when run again (a state the automation reaches on its own).
 * A fenced block of any other kind that holds a `$ ` prompt is a problem: its commands would
 * escape the test. Inline code that starts with `copy-autopilot`, `npx copy-autopilot` or
 * `npm run` is collected too, to be checked without running it.
 */

/** What a command is expected to do. */
export interface Expectation {
  readonly exitCode: number;
  /** Run again until it exits `exitCode`, for at most this long. */
  readonly withinSeconds?: number;
}

export interface DocCommand {
  /** The page, relative to the repository: `README.md`, `docs/cli.md`. */
  readonly page: string;
  /** 1-based line of the command's first line. */
  readonly line: number;
  /** The command as written, continuations joined, prompt and trailing comment kept. */
  readonly text: string;
  readonly expect: Expectation;
}

export interface DocBlock {
  readonly page: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly language: string;
  readonly commands: readonly DocCommand[];
}

/** Inline code naming a command (`copy-autopilot status --regions …`). */
export interface InlineCommand {
  readonly page: string;
  readonly line: number;
  readonly text: string;
}

export interface PageCommands {
  readonly blocks: readonly DocBlock[];
  readonly inline: readonly InlineCommand[];
  /** What cannot be read: `page:line: what`. */
  readonly problems: readonly string[];
}

const COMMAND_LANGUAGES = new Set(['sh', 'bash', 'shell']);
const SESSION_LANGUAGE = 'console';
const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)/;
const PROMPT = /^\$ /;
/** `exit 1`, `exit 0 within 30 s`, optionally followed by an explanation. */
const EXPECTATION = /^exit (\d+)(?: within (\d+) ?s)?(?=$|[\s:;,.(])/;
const INLINE_COMMAND = /`((?:npx )?copy-autopilot(?: [^`]*)?|npm run [^`]+)`/g;

interface Fence {
  readonly marker: string;
  readonly language: string;
  readonly line: number;
  readonly lines: { readonly text: string; readonly line: number }[];
}

/** Reads the commands of one page. */
export function readPageCommands(page: string, markdown: string): PageCommands {
  const blocks: DocBlock[] = [];
  const inline: InlineCommand[] = [];
  const problems: string[] = [];
  let fence: Fence | undefined;
  markdown.split('\n').forEach((text, index) => {
    const line = index + 1;
    const opening = FENCE.exec(text);
    if (fence === undefined) {
      if (opening !== null) {
        fence = { marker: opening[1] ?? '```', language: (opening[2] ?? '').toLowerCase(), line, lines: [] };
      } else {
        inline.push(...inlineCommands(page, text, line));
      }
      return;
    }
    if (text.trim().startsWith(fence.marker) && text.trim().replaceAll(fence.marker.charAt(0), '') === '') {
      const block = readBlock(page, fence, problems);
      if (block !== undefined) blocks.push(block);
      fence = undefined;
      return;
    }
    fence.lines.push({ text, line });
  });
  if (fence !== undefined) problems.push(`${page}:${fence.line}: a fenced block is never closed`);
  return { blocks, inline, problems };
}

function inlineCommands(page: string, text: string, line: number): InlineCommand[] {
  return [...text.matchAll(INLINE_COMMAND)].map((match) => ({ page, line, text: match[1] ?? '' }));
}

function readBlock(page: string, fence: Fence, problems: string[]): DocBlock | undefined {
  const { language } = fence;
  if (language === SESSION_LANGUAGE) {
    return { page, line: fence.line, language, commands: sessionCommands(page, fence, problems) };
  }
  if (COMMAND_LANGUAGES.has(language)) {
    return { page, line: fence.line, language, commands: scriptCommands(page, fence, problems) };
  }
  const prompt = fence.lines.find(({ text }) => PROMPT.test(text));
  if (prompt !== undefined) {
    problems.push(
      `${page}:${prompt.line}: a "$ " command in a \`\`\`${language || '(plain)'} block: mark the block \`\`\`console so the docs test runs it`,
    );
  }
  return undefined;
}

/** `sh`/`bash`: every line is a command, unless blank or a comment. */
function scriptCommands(page: string, fence: Fence, problems: string[]): DocCommand[] {
  const commands: DocCommand[] = [];
  for (let index = 0; index < fence.lines.length; index += 1) {
    const first = fence.lines[index];
    if (first === undefined || first.text.trim() === '' || first.text.trim().startsWith('#')) continue;
    const { text, next } = joinContinuations(fence.lines, index, first.text);
    index = next;
    commands.push(command(page, first.line, text, problems));
  }
  return commands;
}

/** `console`: `$ ` lines are commands (continued with `\`), everything else is output. */
function sessionCommands(page: string, fence: Fence, problems: string[]): DocCommand[] {
  const commands: DocCommand[] = [];
  for (let index = 0; index < fence.lines.length; index += 1) {
    const first = fence.lines[index];
    if (first === undefined || !PROMPT.test(first.text)) continue;
    const { text, next } = joinContinuations(fence.lines, index, first.text.replace(PROMPT, ''));
    index = next;
    commands.push(command(page, first.line, text, problems));
  }
  return commands;
}

function joinContinuations(
  lines: readonly { readonly text: string }[],
  start: number,
  firstText: string,
): { text: string; next: number } {
  let text = firstText.trimEnd();
  let index = start;
  while (text.endsWith('\\') && index + 1 < lines.length) {
    index += 1;
    text = `${text.slice(0, -1).trimEnd()} ${(lines[index]?.text ?? '').trim()}`;
  }
  return { text, next: index };
}

function command(page: string, line: number, text: string, problems: string[]): DocCommand {
  const comment = trailingComment(text);
  const expectation = EXPECTATION.exec(comment);
  if (expectation === null && /^exit\b/.test(comment)) {
    problems.push(`${page}:${line}: "# ${comment}" is not "# exit N" or "# exit N within S s"`);
  }
  const exitCode = Number(expectation?.[1] ?? 0);
  const within = expectation?.[2];
  return {
    page,
    line,
    text,
    expect: within === undefined ? { exitCode } : { exitCode, withinSeconds: Number(within) },
  };
}

/** The text after the first `#` that starts a word outside quotes ('' when there is none). */
export function trailingComment(text: string): string {
  let quote: string | undefined;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"') index += 1;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '\\') {
      index += 1;
    } else if (char === '#' && (index === 0 || /\s/.test(text.charAt(index - 1)))) {
      return text.slice(index + 1).trim();
    }
  }
  return '';
}
