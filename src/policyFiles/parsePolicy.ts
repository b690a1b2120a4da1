import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { type PolicyIssue, PolicyValidationError } from '../domain/policy/errors.js';
import type { Policy } from '../domain/policy/types.js';
import { validatePolicy } from '../domain/policy/validatePolicy.js';

export interface ParsePolicyOptions {
  /** Where the text came from (a file path); named in the error message. */
  readonly source?: string;
}

/**
 * Parses a policy written in YAML (JSON is YAML too) and validates it. Syntax errors and
 * validation issues alike come back as one PolicyValidationError, each issue with the line and
 * column it points at, so `policy check` reads like a compiler.
 *
 * @throws PolicyValidationError
 */
export function parsePolicy(yamlText: string, options: ParsePolicyOptions = {}): Policy {
  const lineCounter = new LineCounter();
  // Duplicate keys are errors (uniqueKeys): with YAML's default the last one would silently win.
  const document = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntaxIssues: PolicyIssue[] = [...document.errors, ...document.warnings].map((problem) => {
    const { line, col } = lineCounter.linePos(problem.pos[0]);
    return { path: '', message: `YAML: ${problem.message}`, line, column: col };
  });
  if (syntaxIssues.length > 0) throw new PolicyValidationError(syntaxIssues, options);

  let data: unknown;
  try {
    data = document.toJS();
  } catch (error) {
    // Unresolved aliases and alias bombs (maxAliasCount) surface only when building values.
    const message = error instanceof Error ? error.message : String(error);
    throw new PolicyValidationError([{ path: '', message: `YAML: ${message}` }], {
      ...options,
      cause: error,
    });
  }

  try {
    return validatePolicy(data);
  } catch (error) {
    if (!(error instanceof PolicyValidationError)) throw error;
    // In file order: the author reads the list top to bottom next to the file.
    const located = error.issues
      .map((issue) => locateIssue(issue, document, lineCounter))
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    throw new PolicyValidationError(located, { ...options, cause: error });
  }
}

/** Adds the line and column of the deepest node on the issue's path that exists in the source. */
function locateIssue(issue: PolicyIssue, document: Document, lineCounter: LineCounter): PolicyIssue {
  const offset = offsetOf(document.contents, issue.segments ?? []);
  if (offset === undefined) return issue;
  const { line, col } = lineCounter.linePos(offset);
  return { ...issue, line, column: col };
}

function offsetOf(root: unknown, segments: readonly (string | number)[]): number | undefined {
  let node = root;
  let offset = rangeStart(root);
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => String(isScalar(item.key) ? item.key.value : item.key) === String(segment),
      );
      if (pair === undefined) break;
      // Point at the key: for an unknown key that is the culprit, and for a value it is its line.
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}
