import { CopyAutopilotError } from '../domain/errors.js';

/**
 * The policy file could not be read (missing, a directory, no permission). Distinct from
 * PolicyValidationError: the file's content was never looked at.
 */
export class PolicyFileError extends CopyAutopilotError {
  public readonly path: string;
  /** The Node error code (`ENOENT`, `EACCES`, `EISDIR`…), when there is one. */
  public readonly code?: string;

  public constructor(path: string, options?: { cause?: unknown }) {
    const code = errorCode(options?.cause);
    super(`Cannot read policy file ${path}: ${describe(code, options?.cause)}`, { cause: options?.cause });
    this.name = 'PolicyFileError';
    this.path = path;
    this.code = code;
  }
}

function errorCode(cause: unknown): string | undefined {
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function describe(code: string | undefined, cause: unknown): string {
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return cause instanceof Error ? cause.message : 'unknown error';
}
