/**
 * One CSV record (RFC 4180): a field holding a comma, a double quote, a carriage return or a
 * line feed is quoted, its quotes doubled; absent values are empty fields. A text field that a
 * spreadsheet would read as a formula gets a leading apostrophe (OWASP's CSV injection advice):
 * the report carries text other people wrote, such as tag values and error messages, and an
 * audit opens it in a spreadsheet.
 */
export function csvRecord(fields: readonly unknown[]): string {
  return fields.map(csvField).join(',');
}

/** A header record, then one record per row with its values picked by header name. */
export function csvLines(headers: readonly string[], rows: readonly object[]): string[] {
  const pick = (row: object) => headers.map((header) => (row as Readonly<Record<string, unknown>>)[header]);
  return [csvRecord(headers), ...rows.map((row) => csvRecord(pick(row)))];
}

/** What a spreadsheet starts a formula with, a tab and a carriage return included. */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(value: unknown): string {
  const raw = value === undefined || value === null ? '' : String(value);
  const text = typeof value === 'string' && FORMULA_START.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
