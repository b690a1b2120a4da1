/**
 * Compiles a glob (`*` any run of characters, `?` exactly one) into an anchored RegExp, the
 * same glob language the policy file uses for namespace names.
 */
export function compileNamePattern(glob: string): RegExp {
  let source = '';
  for (const char of glob) {
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else source += char.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
