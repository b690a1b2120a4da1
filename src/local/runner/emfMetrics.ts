/** Metric totals read back from EMF log lines, the way CloudWatch would aggregate them. */
export interface MetricTotals {
  /** `Name` or `Name{Dim=Value}` → every value seen. */
  readonly values: Map<string, number[]>;
}

export function createMetricTotals(): MetricTotals {
  return { values: new Map() };
}

/** Adds one EMF record's metrics; returns false when the record is not EMF. */
export function addEmfRecord(totals: MetricTotals, record: Record<string, unknown>): boolean {
  const aws = record._aws as
    | { CloudWatchMetrics?: { Dimensions?: string[][]; Metrics?: { Name: string }[] }[] }
    | undefined;
  if (!aws?.CloudWatchMetrics) return false;
  for (const directive of aws.CloudWatchMetrics) {
    const dimensionNames = (directive.Dimensions ?? []).flat().filter((name) => name !== 'service');
    const dimensions = dimensionNames.map((name) => `${name}=${String(record[name])}`).join(',');
    for (const metric of directive.Metrics ?? []) {
      const raw = record[metric.Name];
      const list = (Array.isArray(raw) ? raw : [raw]).map(Number).filter((value) => Number.isFinite(value));
      const key = dimensions ? `${metric.Name}{${dimensions}}` : metric.Name;
      const existing = totals.values.get(key) ?? [];
      existing.push(...list);
      totals.values.set(key, existing);
    }
  }
  return true;
}

export function sumOf(totals: MetricTotals, key: string): number {
  return (totals.values.get(key) ?? []).reduce((sum, value) => sum + value, 0);
}
