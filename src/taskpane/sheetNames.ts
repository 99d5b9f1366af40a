/**
 * Sheet names that read well within Excel's 31 characters: "Structure Strategic and Corporate Services" becomes
 * "Structure Strat & Corp Svcs", never "Structure Strategic and Corpora". Words are shortened by the usual
 * abbreviations, one kind at a time until it fits, and a name is only ever cut between words.
 */
const ABBREVIATIONS: [RegExp, string][] = [
  [/\band\b/gi, "&"],
  [/\bServices\b/g, "Svcs"],
  [/\bService\b/g, "Svc"],
  [/\bCorporate\b/g, "Corp"],
  [/\bStrategic\b/g, "Strat"],
  [/\bStrategy\b/g, "Strat"],
  [/\bDepartment\b/g, "Dept"],
  [/\bDirectorate\b/g, "Dir"],
  [/\bManagement\b/g, "Mgmt"],
  [/\bDevelopment\b/g, "Dev"],
  [/\bOrganisational\b/g, "Org"],
  [/\bResources\b/g, "Res"],
  [/\bCommunity\b/g, "Comm"],
  [/\bCommunities\b/g, "Comms"],
  [/\bCommunications\b/g, "Comms"],
  [/\bEnvironment\b/g, "Env"],
  [/\bInformation\b/g, "Info"],
  [/\bTechnology\b/g, "Tech"],
  [/\bInfrastructure\b/g, "Infra"],
  [/\bOperations\b/g, "Ops"],
  [/\bGovernment\b/g, "Govt"],
  [/\bRelationships\b/g, "Rels"],
  [/\bAssurance\b/g, "Assur"],
  [/\bTransformation\b/g, "Transf"],
  [/\bEducation\b/g, "Educ"],
  [/\bChildren's\b/g, "Child"],
  [/\bChildren\b/g, "Child"],
  [/\bPublic\b/g, "Pub"],
  [/\bHealth\b/g, "Hlth"],
  [/\bSocial\b/g, "Soc"],
  [/\bHousing\b/g, "Hsg"],
  [/\bRegeneration\b/g, "Regen"],
  [/\bEconomic\b/g, "Econ"],
];

export const SHEET_NAME_MAX = 31;

function clean(text: string): string {
  return text.replace(/[:\\/?*[\]]/g, " ").replace(/\s+/g, " ").trim().replace(/^'+|'+$/g, "");
}

/** `text` as a sheet name of at most `max` characters, shortened by whole words. */
export function readableSheetName(text: string, max = SHEET_NAME_MAX): string {
  let name = clean(text) || "Sheet";
  for (const [re, short] of ABBREVIATIONS) {
    if (name.length <= max) return name;
    name = name.replace(re, short).replace(/\s+/g, " ").trim();
  }
  if (name.length <= max) return name;
  const words = name.split(" ");
  let out = "";
  for (const w of words) {
    const next = out ? `${out} ${w}` : w;
    if (next.length > max) break;
    out = next;
  }
  out = out.replace(/[\s&-]+$/, "").trim();
  return out || name.slice(0, max).trim();
}

/** A readable name not among `existing` (any case): "Structure Strat & Corp Svcs (2)", cut between words to fit. */
export function uniqueReadableSheetName(text: string, existing: Iterable<string>): string {
  const taken = new Set([...existing].map((n) => n.toLowerCase()));
  const base = readableSheetName(text);
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const candidate = readableSheetName(text, SHEET_NAME_MAX - suffix.length) + suffix;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
