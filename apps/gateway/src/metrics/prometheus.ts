/** The Prometheus text exposition format (version 0.0.4), written by hand: no client library needed for a few families. */
export type Labels = Record<string, string>;

export interface Sample {
  labels?: Labels;
  value: number;
  /** Suffix of the family's name (`_bucket`, `_sum`, `_count`). */
  suffix?: string;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: 'gauge' | 'counter' | 'histogram' | 'summary';
  samples: Sample[];
}

export function exposition(families: MetricFamily[]): string {
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${f.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) lines.push(`${f.name}${s.suffix ?? ''}${labelText(s.labels)} ${numberText(s.value)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A histogram's samples from per-bucket cumulative counts. */
export function histogramSamples(labels: Labels, buckets: readonly number[], cumulative: number[], sum: number, count: number): Sample[] {
  return [
    ...buckets.map((le, i) => ({ suffix: '_bucket', labels: { ...labels, le: String(le) }, value: cumulative[i] })),
    { suffix: '_bucket', labels: { ...labels, le: '+Inf' }, value: count },
    { suffix: '_sum', labels, value: sum },
    { suffix: '_count', labels, value: count },
  ];
}

function labelText(labels: Labels | undefined): string {
  const entries = Object.entries(labels ?? {});
  if (!entries.length) return '';
  return `{${entries.map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`).join(',')}}`;
}

function numberText(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}
