/** Shared set-up for the Excel layer's tests: a stand-in installed as the global Excel. */
import { afterEach } from "vitest";
import { HOST_PROFILES, createExcelStandIn, type ExcelStandIn, type ExcelStandInOptions, type HostProfile } from "../standin/excel";

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

/**
 * An Excel that cannot hold a batch until a cell edit ends (no DelayForCellEdit, as before ExcelApi 1.11): batches
 * made while the user types fail with InvalidOperationInCellEditMode instead.
 */
export function cannotWaitForCellEdit(): HostProfile {
  const base = HOST_PROFILES["windows-2021"];
  const sets = Object.fromEntries(Object.entries(base.sets).filter(([k]) => k !== "DelayForCellEdit"));
  return { ...base, sets, supports: (set, version) => set !== "DelayForCellEdit" && base.supports(set, version) };
}
