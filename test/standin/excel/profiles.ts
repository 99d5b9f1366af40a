/**
 * Host profiles: which requirement sets a simulated Excel reports and implements, and how it passes blank cells to
 * custom functions. Levels from Microsoft's requirement-set tables (office-js-docs-reference,
 * docs/requirement-sets/excel/excel-api-requirement-sets.md, custom-functions-requirement-sets.md and
 * common/shared-runtime-requirement-sets.md, as of ExcelApi 1.20, 2025-09).
 */
import { compareVersions } from "./client";
import { BLANK_ENCODINGS, type BlankEncoding } from "../customFunctionsRuntime";

export type HostProfileName = "web" | "windows-m365" | "windows-2021" | "mac-16.45";

export interface HostProfile {
  name: HostProfileName;
  /** What users call it. */
  label: string;
  /** `Office.context.platform` ("OfficeOnline" makes Office's client use the web's request context). */
  platform: "OfficeOnline" | "PC" | "Mac";
  /** Highest version of each requirement set the host supports. */
  sets: Record<string, string>;
  /** Excel on the web's limit on one request or response, in bytes; null where none is documented. */
  payloadLimitBytes: number | null;
  /**
   * A blank cell passed to a custom function (a single-cell argument, or inside a range argument). Excel on the
   * web passes null; Excel desktop passes 0, even inside ranges and for untyped parameters
   * (OfficeDev/office-js#4702 "0 in desktop and null in office web", #5262, #1951); see ../customFunctionsRuntime.ts.
   */
  blankArguments: BlankEncoding;
  supports(set: string, version?: string): boolean;
}

/** Excel on the web's payload limit (Learn, "Resource limits and performance optimization for Office Add-ins":
 * "Excel on the web has a payload size limit for requests and responses of 5MB"). */
export const WEB_PAYLOAD_LIMIT_BYTES = 5_000_000; // "5MB": read as 5,000,000 bytes, the stricter reading

function profile(p: Omit<HostProfile, "supports">): HostProfile {
  return {
    ...p,
    supports(set: string, version?: string): boolean {
      const have = p.sets[set];
      if (have === undefined) return false;
      return version === undefined || version === "" || compareVersions(have, version) >= 0;
    },
  };
}

export const HOST_PROFILES: Record<HostProfileName, HostProfile> = {
  web: profile({
    name: "web",
    label: "Excel on the web",
    platform: "OfficeOnline",
    // ExcelApi 1.20 and ExcelApiOnline: "Supported"/"Latest" on the web; SharedRuntime 1.1 supported;
    // CustomFunctionsRuntime 1.5 supported.
    sets: { ExcelApi: "1.20", ExcelApiOnline: "1.1", ExcelApiUndo: "1.7", SharedRuntime: "1.1", CustomFunctionsRuntime: "1.5", DelayForCellEdit: "1.1", CompressedFile: "1.1", File: "1.1" },
    payloadLimitBytes: WEB_PAYLOAD_LIMIT_BYTES,
    blankArguments: BLANK_ENCODINGS.web,
  }),
  "windows-m365": profile({
    name: "windows-m365",
    label: "Microsoft 365 on Windows (Version 2509 or later)",
    platform: "PC",
    // ExcelApi 1.20: Version 2509 (Build 19201.20002); ExcelApiDesktop 1.1: Version 2509; CFR 1.5: Version 2504.
    sets: { ExcelApi: "1.20", ExcelApiDesktop: "1.1", ExcelApiUndo: "1.7", SharedRuntime: "1.1", CustomFunctionsRuntime: "1.5", DelayForCellEdit: "1.1", CompressedFile: "1.1", File: "1.1" },
    payloadLimitBytes: null,
    blankArguments: BLANK_ENCODINGS.desktop,
  }),
  "windows-2021": profile({
    name: "windows-2021",
    label: "Office 2021 on Windows (Version 2108)",
    platform: "PC",
    // ExcelApi 1.14: "Office 2021: Version 2108 (Build 14326.20508)"; CFR 1.3: "Office 2021: Version 2108".
    sets: { ExcelApi: "1.14", ExcelApiUndo: "1.7", SharedRuntime: "1.1", CustomFunctionsRuntime: "1.3", DelayForCellEdit: "1.1", CompressedFile: "1.1", File: "1.1" },
    payloadLimitBytes: null,
    blankArguments: BLANK_ENCODINGS.desktop,
  }),
  "mac-16.45": profile({
    name: "mac-16.45",
    label: "Excel for Mac 16.45",
    platform: "Mac",
    // ExcelApi 1.12: Mac Version 16.45; 1.13 only from 16.50. SharedRuntime 1.1: Mac 16.35. CFR 1.3: Mac 16.40.
    sets: { ExcelApi: "1.12", ExcelApiUndo: "1.7", SharedRuntime: "1.1", CustomFunctionsRuntime: "1.3", DelayForCellEdit: "1.1", CompressedFile: "1.1", File: "1.1" },
    payloadLimitBytes: null,
    blankArguments: BLANK_ENCODINGS.desktop,
  }),
};

export const PROFILE_NAMES = Object.keys(HOST_PROFILES) as HostProfileName[];
