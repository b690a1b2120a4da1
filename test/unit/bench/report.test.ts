import { describe, expect, it } from 'vitest';
import { type Figure, meetsGoal } from '../../../bench/benchmark.js';
import type { MachineInfo } from '../../../bench/machine.js';
import { figureRow, markdownReport, textTable } from '../../../bench/report.js';

const underGoal: Figure = {
  name: 'cold start',
  value: 120,
  unit: 'ms',
  goal: { comparison: '<=', value: 150 },
  how: 'median of 15',
};
const overGoal: Figure = {
  ...underGoal,
  name: 'bundle',
  value: 626.8,
  unit: 'KiB',
  goal: { comparison: '<=', value: 500 },
};
const noGoal: Figure = { name: 'throughput', value: 74, unit: 'records/s', how: 'drain | 200 records' };

const machine: MachineInfo = {
  cpuModel: 'Test CPU',
  cores: 2,
  memoryGiB: 24,
  node: 'v20.0.0',
  platform: 'linux-x64',
  date: '2026-01-02T03:04:05.000Z',
  gitCommit: '0123456789abcdef',
  gitDirty: false,
  loadAverageAtStart: 0.5,
};

describe('Function: meetsGoal', () => {
  it('returns whether the value is within its goal, and undefined without one', () => {
    // Act & Assess
    expect(meetsGoal(underGoal)).toBe(true);
    expect(meetsGoal(overGoal)).toBe(false);
    expect(meetsGoal({ ...underGoal, goal: { comparison: '>=', value: 150 } })).toBe(false);
    expect(meetsGoal(noGoal)).toBeUndefined();
  });
});

describe('Function: figureRow', () => {
  it('returns figure, value, unit, goal, met? and how measured', () => {
    // Act & Assess
    expect(figureRow(overGoal)).toStrictEqual(['bundle', '626.8', 'KiB', '≤ 500', 'NO', 'median of 15']);
    expect(figureRow(noGoal)).toStrictEqual(['throughput', '74', 'records/s', '', '', 'drain | 200 records']);
  });

  it('shows a value that could not be measured as n/a', () => {
    // Act
    const row = figureRow({ ...noGoal, value: Number.NaN });

    // Assess
    expect(row[1]).toBe('n/a');
  });
});

describe('Function: textTable', () => {
  it('aligns the columns under a header', () => {
    // Act
    const lines = textTable([underGoal, noGoal]).split('\n');

    // Assess
    expect(lines[0]).toMatch(/^figure\s+\| value \| unit\s+\| goal\s+\| met\? \| how measured$/);
    const bars = (line: string) => [...line.matchAll(/\|/g)].map((match) => match.index);
    expect(bars(lines[2] as string).slice(0, 5)).toStrictEqual(bars(lines[0] as string));
  });
});

describe('Function: markdownReport', () => {
  it('names the machine and commit and escapes pipes in cells', () => {
    // Act
    const markdown = markdownReport([noGoal], machine);

    // Assess
    expect(markdown).toContain('at commit 0123456789ab');
    expect(markdown).toContain('Test CPU, 2 cores, 24 GiB, Node v20.0.0');
    expect(markdown).toContain('| throughput | 74 | records/s |  |  | drain \\| 200 records |');
  });
});
