import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

/** The machine and code a set of figures came from. */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
  readonly date: string;
  readonly gitCommit: string;
  /** Uncommitted changes in the tree when the bench ran. */
  readonly gitDirty: boolean;
  /** 1-minute load average when the bench started: other work on the machine skews figures. */
  readonly loadAverageAtStart: number;
}

export function describeMachine(serviceDir: string, now: Date = new Date()): MachineInfo {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    date: now.toISOString(),
    gitCommit: git(serviceDir, ['rev-parse', 'HEAD']) ?? 'unknown',
    gitDirty: (git(serviceDir, ['status', '--porcelain', '--untracked-files=no']) ?? '') !== '',
    loadAverageAtStart: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}
