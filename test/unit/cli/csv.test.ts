import { describe, expect, it } from 'vitest';
import { csvLines, csvRecord } from '../../../src/cli/csv.js';

describe('Function: csvRecord', () => {
  it('quotes fields holding a comma, a quote or a line break, doubling the quotes (RFC 4180)', () => {
    // Act & Assess
    expect(csvRecord(['plain', 'a, b', 'say "hi"', 'two\nlines', 'cr\r', 7, undefined, ''])).toBe(
      'plain,"a, b","say ""hi""","two\nlines","cr\r",7,,',
    );
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
  ])('keeps a spreadsheet from reading %j as a formula', (text, field) => {
    // Act & Assess
    expect(csvRecord([text])).toBe(field);
  });

  it('leaves numbers, and text with a formula sign further on, as they are', () => {
    // Act & Assess
    expect(csvRecord([-1, 'us-west-2', 'a=b'])).toBe('-1,us-west-2,a=b');
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
