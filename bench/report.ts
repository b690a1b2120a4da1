import { type Figure, meetsGoal } from './benchmark.js';
import type { MachineInfo } from './machine.js';

export const TABLE_COLUMNS = ['figure', 'value', 'unit', 'goal', 'met?', 'how measured'] as const;

/** A figure as a table row: `figure | value | unit | goal | met? | how measured`. */
export function figureRow(figure: Figure): string[] {
  const met = meetsGoal(figure);
  return [
    figure.name,
    Number.isFinite(figure.value) ? String(figure.value) : 'n/a',
    figure.unit,
    figure.goal === undefined ? '' : `${figure.goal.comparison === '<=' ? '≤' : '≥'} ${figure.goal.value}`,
    met === undefined ? '' : met ? 'yes' : 'NO',
    figure.how,
  ];
}

/** The figures as an aligned text table for the terminal. */
export function textTable(figures: readonly Figure[]): string {
  const rows = [[...TABLE_COLUMNS], ...figures.map(figureRow)];
  const widths = TABLE_COLUMNS.map((_, column) =>
    column === TABLE_COLUMNS.length - 1 ? 0 : Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: string[]): string =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join(' | ')
      .trimEnd();
  const rule = widths
    .map((width, column) => '-'.repeat(column === widths.length - 1 ? 12 : width))
    .join('-|-');
  return [line(rows[0] as string[]), rule, ...rows.slice(1).map(line)].join('\n');
}

/** The figures and the machine as Markdown, for the README's Performance section. */
export function markdownReport(figures: readonly Figure[], machine: MachineInfo): string {
  const escapeCell = (cell: string): string => cell.replaceAll('|', '\\|');
  const lines = [
    `| ${TABLE_COLUMNS.join(' | ')} |`,
    `|${TABLE_COLUMNS.map(() => '---').join('|')}|`,
    ...figures.map((figure) => `| ${figureRow(figure).map(escapeCell).join(' | ')} |`),
  ];
  return [
    `Measured ${machine.date.slice(0, 10)} at commit ${machine.gitCommit.slice(0, 12)}${machine.gitDirty ? ' (with uncommitted changes)' : ''}`,
    `on ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node} ` +
      `(${machine.platform}; 1-min load average ${machine.loadAverageAtStart} at start).`,
    '',
    ...lines,
    '',
  ].join('\n');
}
