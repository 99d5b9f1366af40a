/** Shared set-up for the Excel layer's tests: a stand-in installed as the global Excel. */
import { afterEach } from "vitest";
import { createExcelStandIn, type ExcelStandIn, type ExcelStandInOptions } from "../standin/excel";

let uninstall: (() => void) | undefined;

afterEach(() => {
  uninstall?.();
  uninstall = undefined;
});

export function installStandIn(options: ExcelStandInOptions): ExcelStandIn {
  uninstall?.();
  const standIn = createExcelStandIn(options);
  uninstall = standIn.install();
  return standIn;
}

/** Every request and response stayed under Excel on the web's 5 MB payload limit. */
export function payloadsUnderLimit(standIn: ExcelStandIn, limit = 5_000_000): boolean {
  return standIn.stats.maxRequestBytes < limit && standIn.stats.maxResponseBytes < limit && standIn.stats.rejected === 0;
}
