/**
 * Findings: what every check (budget sheets, savings sheets, post lists) reports, in one shape.
 */

export type Severity = "error" | "warning" | "info";

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Budget and savings sheet rules. */
export type BudgetRuleId =
  | "total-mismatch"
  | "total-hardcoded"
  | "total-like-line"
  | "sum-range-gap"
  | "number-as-text"
  | "missing-value"
  | "invalid-value"
  | "blank-service"
  | "duplicate-service"
  | "net-exceeds-gross"
  | "negative-net"
  | "mixed-units"
  | "formula-error"
  | "range-invalid"
  | "range-total-mismatch"
  | "requirement-gap"
  | "gap-mismatch";

/** Post list rules. */
export type PostListRuleId =
  | "missing-post-id"
  | "duplicate-post-id"
  | "reports-to-missing"
  | "reporting-cycle"
  | "multiple-tops"
  | "tiers-exceeded"
  | "span-of-control"
  | "blank-grade"
  | "unknown-grade"
  | "fte-not-a-number"
  | "fte-out-of-range"
  | "fte-looks-like-hours"
  | "fte-column-missing"
  | "duplicate-column"
  | "grade-inversion"
  | "status-invalid"
  | "replaces-invalid"
  | "replaces-similarity-total";

export type RuleId = BudgetRuleId | PostListRuleId;

/**
 * One cell to change when a fix is applied: a constant (written as a number or as text) or a formula.
 * A number may carry the number format that keeps it looking as it did ("£15,125,000" stays £15,125,000).
 */
export type CellEdit =
  | { sheet: string; cell: string; kind: "number"; value: number; numberFormat?: string }
  | { sheet: string; cell: string; kind: "text"; value: string }
  | { sheet: string; cell: string; kind: "formula"; formula: string };

export interface Fix {
  /** What the fix does, shown in the preview before it is applied. */
  description: string;
  /** Only the flagged cells; nothing else changes. */
  edits: CellEdit[];
}

export interface Finding {
  sheet: string;
  /** A1 address of the cell the finding points at. */
  cell: string;
  rule: RuleId;
  severity: Severity;
  /** A sentence a finance or HR officer understands. */
  message: string;
  /** What to do about it, in words. */
  suggestion?: string;
  /** A mechanical fix, where one is safe. */
  fix?: Fix;
}

/** Findings in the order people read them: severity, then sheet, then row, then column. Keys are worked out once per finding. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const n = findings.length;
  const severity = new Int8Array(n);
  const rows = new Float64Array(n);
  const cols = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = findings[i];
    const m = /^([A-Z]+)(\d+)/.exec(f.cell);
    let col = 0;
    if (m) for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
    severity[i] = SEVERITY_ORDER[f.severity];
    rows[i] = m ? Number(m[2]) : 0;
    cols[i] = col;
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => {
    if (severity[a] !== severity[b]) return severity[a] - severity[b];
    const sa = findings[a].sheet;
    const sb = findings[b].sheet;
    if (sa !== sb) return sa < sb ? -1 : 1;
    return rows[a] - rows[b] || cols[a] - cols[b] || a - b;
  });
  return order.map((i) => findings[i]);
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
