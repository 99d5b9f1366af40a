import { splitSections } from "./standin/excel/numberFormat";
/**
 * What Excel shows for a number under a custom number format, for the subset of formats the checks' fixes
 * write: up to three sections (positive;negative;zero), quoted literals ("£", "k", "m"), other literal
 * characters ("(", "-"), digit placeholders 0 and #, a comma between placeholders for thousands, trailing
 * commas that divide by 1,000 each, and a fixed number of decimals (rounded half away from zero, as Excel does).
 * A test helper only: it exists so a test can ask "does the cell still show the amount that was typed?".
 */
export function numberFormatShows(value: number, format: string): string {
  if (format === "General") return String(value);
  const sections = splitSections(format);
  let section = sections[0];
  let v = value;
  if (value < 0 && sections.length >= 2) {
    section = sections[1];
    v = Math.abs(value);
  } else if (value === 0 && sections.length >= 3) {
    section = sections[2];
  }
  let out = "";
  let i = 0;
  let numberDone = false;
  while (i < section.length) {
    const ch = section[i];
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      if (end < 0) throw new Error(`Unclosed quote in ${format}`);
      out += section.slice(i + 1, end);
      i = end + 1;
    } else if (ch === "\\") {
      out += section[i + 1] ?? "";
      i += 2;
    } else if (!numberDone && /[0#.]/.test(ch)) {
      const m = /^[0#,]*(?:\.[0#]*)?,*/.exec(section.slice(i));
      const pattern = m ? m[0] : ch;
      out += renderNumber(v, pattern);
      numberDone = true;
      i += pattern.length;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}


function renderNumber(value: number, pattern: string): string {
  const trailing = /,*$/.exec(pattern)?.[0].length ?? 0;
  const body = pattern.slice(0, pattern.length - trailing);
  const [intPart, decPart = ""] = body.split(".");
  const grouping = intPart.includes(",");
  const decimals = decPart.length;
  const scaled = value / 1000 ** trailing;
  const neg = scaled < 0;
  const factor = 10 ** decimals;
  // Excel keeps 15 significant digits before rounding for display.
  const abs = Number(Math.abs(scaled).toPrecision(15));
  const rounded = Math.round(Number((abs * factor).toPrecision(15))) / factor;
  const fixed = rounded.toFixed(decimals);
  const [whole, frac] = fixed.split(".");
  const wholeShown = grouping ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") : whole;
  const minInt = (intPart.replace(/[#,]/g, "").match(/0/g) ?? []).length;
  const w = wholeShown === "0" && minInt === 0 ? "" : wholeShown;
  return (neg && rounded !== 0 ? "-" : "") + w + (decimals > 0 ? "." + frac : "");
}
