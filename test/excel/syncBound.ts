/**
 * The round-trip bound of issue 15, measured on the simulated host (Office's real request JSON): an operation that
 * has to move B bytes to or from Excel needs at least ceil(B / 5 MB) syncs for the data plus one to look first.
 * B is the larger of the operation's total request bytes and total response bytes. Goal: syncs <= bound + 2.
 */
import type { ExcelStandIn } from "../standin/excel";

export const PAYLOAD_LIMIT_BYTES = 5_000_000;

export interface SyncFigures {
  syncs: number;
  runs: number;
  requestBytes: number;
  responseBytes: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
  rejected: number;
  /** ceil(max(requestBytes, responseBytes) / 5 MB) + 1 */
  bound: number;
}

export function syncFigures(host: ExcelStandIn): SyncFigures {
  const s = host.stats;
  const requestBytes = s.requests.reduce((n, r) => n + r.bytes, 0);
  const responseBytes = s.responses.reduce((n, r) => n + r.bytes, 0);
  return {
    syncs: s.syncs,
    runs: s.runs,
    requestBytes,
    responseBytes,
    maxRequestBytes: s.maxRequestBytes,
    maxResponseBytes: s.maxResponseBytes,
    rejected: s.rejected,
    bound: Math.ceil(Math.max(requestBytes, responseBytes) / PAYLOAD_LIMIT_BYTES) + 1,
  };
}
