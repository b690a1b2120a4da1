const VARIABLE_FAILURE = /^\s*- Cannot resolve variable at "([^"]+)": /m;
const TRAILER = /^(Environment|Docs|Support|Bugs):/;

/**
 * What a failed `osls package` printed, told once. osls reports a variable that cannot be
 * resolved once per place it is used: `${copyPolicy:compiledFile}` appears three times in
 * serverless.yml, so an invalid policy came out three times. Failures with the same message are
 * merged into one line naming every place; the Environment/Docs trailer is dropped.
 */
export function summariseOslsFailure(output: string): string {
  const lines = output.split('\n').filter((line) => !TRAILER.test(line.trim()));
  const text = lines.join('\n').trim();
  const first = VARIABLE_FAILURE.exec(text);
  if (first === null) return text;
  const head = text
    .slice(0, first.index)
    .replace(/^Error:\s*/, '')
    .replace(/\s*Variables resolution errored with:\s*$/, '')
    .trim();
  const places = new Map<string, string[]>();
  const parts = text.slice(first.index).split(/^\s*- Cannot resolve variable at "([^"]+)": /m);
  // split() with a capture group alternates: ['', place, message, place, message, …]
  for (let index = 1; index + 1 < parts.length; index += 2) {
    const message = (parts[index + 1] ?? '').trim().replace(/,$/, '');
    const at = places.get(message) ?? [];
    at.push(parts[index] ?? '');
    places.set(message, at);
  }
  const merged = [...places].map(([message, at]) => `${message}\n(at ${at.join(', ')})`);
  return [head.replace(/:$/, ''), ...merged].join('\n');
}
