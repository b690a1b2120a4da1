/**
 * Writes a location in a policy document the way its author would point at it:
 * `rules[1].copyTo.region`, `rules[0].match.tags["app.kubernetes.io/name"]`.
 */
export function formatPolicyPath(segments: readonly (string | number)[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) path += path === '' ? segment : `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}

const PLAIN_KEY = /^[A-Za-z_][\w-]*$/;
