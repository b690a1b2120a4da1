import { describe, expect, it } from 'vitest';
import { csvLines, csvRecord } from '../../../src/cli/csv.js';

describe('Function: csvRecord', () => {
  it('quotes fields holding a comma, a quote or a line break, doubling the quotes (RFC 4180)', () => {
    // Act & Assess
    expect(csvRecord(['plain', 'a, b', 'say "hi"', 'two\nlines', 'cr\r', 7, undefined, ''])).toBe(
      'plain,"a, b","say ""hi""","two\nlines","cr\r",7,,',
    );
  });
});

describe('Function: csvLines', () => {
  it('returns the header, then each row’s values in the header’s order, absent ones empty', () => {
    // Act
    const lines = csvLines(
      ['account', 'namespace', 'detail'],
      [
        { namespace: 'ns-a', account: '111111111111', detail: 'wants us-west-2, 7 days' },
        { account: '222222222222', extra: 'ignored' },
      ],
    );

    // Assess
    expect(lines).toEqual([
      'account,namespace,detail',
      '111111111111,ns-a,"wants us-west-2, 7 days"',
      '222222222222,,',
    ]);
  });
});
