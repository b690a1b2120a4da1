/**
 * Shortens text that ends up in error messages, log lines and SQS message attributes, so a
 * hostile or runaway value (a megabyte-long namespace name, an SDK error quoting a whole
 * response) cannot blow up a log line or an attribute's size limit.
 *
 * @param text - the text to shorten
 * @param maxLength - the longest result, ellipsis included
 */
export function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  if (maxLength <= 1) return text.slice(0, Math.max(0, maxLength));
  return `${text.slice(0, maxLength - 1)}…`;
}
