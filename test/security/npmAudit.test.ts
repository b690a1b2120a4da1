import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `npm audit --omit=dev`: no high or critical advisory in what the Lambda bundle ships. It asks
 * the registry's advisory endpoint, so it runs apart from `npm test` (`npm run test:audit`):
 * where that endpoint cannot be reached the test fails and says why — an audit that could not
 * run never counts as a clean one.
 */

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const AUDIT_TIMEOUT_MS = 120_000;
const BLOCKING_SEVERITIES = ['high', 'critical'];

interface AuditReport {
  readonly auditReportVersion?: number;
  readonly vulnerabilities?: Record<string, { readonly severity: string; readonly via: readonly unknown[] }>;
  readonly metadata?: {
    readonly vulnerabilities: Record<string, number>;
    readonly dependencies: { readonly prod: number; readonly total: number };
  };
  /** npm's answer when the audit itself failed (endpoint refused, network down). */
  readonly message?: string;
  readonly error?: { readonly code?: string; readonly summary?: string };
}

interface AuditRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

function runAudit(): Promise<AuditRun> {
  return new Promise((resolveRun) => {
    execFile(
      'npm',
      ['audit', '--omit=dev', '--json'],
      { cwd: REPO_ROOT, timeout: AUDIT_TIMEOUT_MS, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // npm audit exits 1 both for findings and for failures: the JSON tells them apart.
        const code = (error as { code?: unknown } | null)?.code;
        resolveRun({ exitCode: typeof code === 'number' ? code : error === null ? 0 : -1, stdout, stderr });
      },
    );
  });
}

/** The report, or an error saying plainly that no audit took place. */
function readReport(run: AuditRun): AuditReport & Required<Pick<AuditReport, 'metadata'>> {
  let report: AuditReport;
  try {
    report = JSON.parse(run.stdout) as AuditReport;
  } catch {
    throw new Error(
      `npm audit did not produce a report (exit ${run.exitCode}): ${run.stderr.trim() || run.stdout.trim()}`,
    );
  }
  if (report.metadata === undefined || report.auditReportVersion === undefined) {
    const why = report.message ?? report.error?.summary ?? run.stderr.trim();
    throw new Error(
      `npm audit could not query the registry's advisory endpoint, so the dependencies are NOT audited: ${why}`,
    );
  }
  return report as AuditReport & Required<Pick<AuditReport, 'metadata'>>;
}

describe('Security: npm audit of the production dependencies', () => {
  it(
    'reports no high or critical advisory',
    async () => {
      // Act
      const report = readReport(await runAudit());
      const blocking = Object.entries(report.vulnerabilities ?? {})
        .filter(([, finding]) => BLOCKING_SEVERITIES.includes(finding.severity))
        .map(([name, finding]) => `${name} (${finding.severity})`);

      // Assess: an audit of nothing would be clean too.
      expect(report.metadata.dependencies.prod).toBeGreaterThan(0);
      expect(blocking).toEqual([]);
    },
    AUDIT_TIMEOUT_MS + 10_000,
  );
});
