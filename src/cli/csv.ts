/**
 * One CSV record (RFC 4180): a field holding a comma, a double quote, a carriage return or a
 * line feed is quoted, its quotes doubled; absent values are empty fields.
 */
export function csvRecord(fields: readonly unknown[]): string {
  return fields.map(csvField).join(',');
}

/** A header record, then one record per row with its values picked by header name. */
export function csvLines(headers: readonly string[], rows: readonly object[]): string[] {
  const pick = (row: object) => headers.map((header) => (row as Readonly<Record<string, unknown>>)[header]);
  return [csvRecord(headers), ...rows.map((row) => csvRecord(pick(row)))];
}

function csvField(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
