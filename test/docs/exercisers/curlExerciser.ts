import { type CommandRun, NotExercisableError, type SessionContext } from './types.js';

/** The curl flags the docs use with the control API. */
const FLAGS_WITH_VALUE = new Set(['-X', '--request', '-d', '--data', '-H', '--header']);
const QUIET_FLAGS = new Set(['-s', '--silent', '-sS', '-f', '--fail', '-sf', '-fsS']);

/**
 * `curl … http://127.0.0.1:4566/_local/…`: the same request with fetch, against the page's
 * cloud (the session rewrites the URL to it). Exit 0 means an HTTP 2xx answer: a 4xx from the control API
 * is a mistake in the docs even where curl itself would exit 0.
 */
export async function exerciseCurl(words: readonly string[], session: SessionContext): Promise<CommandRun> {
  let method: string | undefined;
  let body: string | undefined;
  const headers: Record<string, string> = {};
  let url: string | undefined;
  for (let index = 1; index < words.length; index += 1) {
    const word = words[index] ?? '';
    if (QUIET_FLAGS.has(word)) continue;
    if (FLAGS_WITH_VALUE.has(word)) {
      const value = words[++index] ?? '';
      if (word === '-X' || word === '--request') method = value;
      else if (word === '-d' || word === '--data') body = value;
      else {
        const [header = '', headerValue = ''] = value.split(/:(.*)/s, 2);
        headers[header.trim()] = headerValue.trim();
      }
    } else if (word.startsWith('-')) {
      throw new NotExercisableError(`curl ${word}: the docs test knows -X, -d, -H and -s`);
    } else {
      url = word;
    }
  }
  if (url === undefined) throw new NotExercisableError('curl without a URL');
  const cloud = await session.cloud();
  // The session has rewritten the docs' 127.0.0.1:4566 / localhost:4566 to its cloud already.
  if (!url.startsWith(cloud.url)) {
    throw new NotExercisableError(`curl ${url}: only the local cloud (127.0.0.1:4566) is reachable`);
  }
  const response = await fetch(url, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
  });
  const text = await response.text();
  return { exitCode: response.ok ? 0 : 22, output: `HTTP ${response.status} ${text}` };
}
