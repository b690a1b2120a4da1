/**
 * Matches `value` against a glob: `*` stands for any run of characters (also none), `?` for
 * exactly one; every other character stands for itself, case-sensitively (namespace names are
 * lower case). No regular expression is built from the pattern, so a policy author cannot
 * inject one, and matching stays linear-ish even for patterns like `*a*a*a*b`.
 */
export function matchGlob(pattern: string, value: string): boolean {
  // Two pointers with one backtrack point (the last `*` seen): the classic wildcard matcher.
  let p = 0;
  let v = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (v < value.length) {
    const token = pattern[p];
    if (token === '*') {
      starAt = p;
      resumeAt = v;
      p += 1;
    } else if (token !== undefined && (token === '?' || token === value[v])) {
      p += 1;
      v += 1;
    } else if (starAt !== -1) {
      // Let the last `*` swallow one more character and try again from there.
      p = starAt + 1;
      resumeAt += 1;
      v = resumeAt;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p += 1;
  return p === pattern.length;
}
