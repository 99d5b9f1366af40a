/** A small renderer of Excel number formats, enough for Range.text in the stand-in (General, 0.00, #,##0, £, %, dates). */

/** A format's sections, split at semicolons outside quotes ("0;-0;\"nil\""). */
export function splitSections(format: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (const ch of format) {
    if (ch === '"') quoted = !quoted;
    if (ch === ";" && !quoted) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Excel's General format in a standard-width column: at most 11 characters, else scientific. */
function general(n: number): string {
  if (n === 0) return "0";
  const abs = Math.abs(n);
  if (abs >= 1e11 || abs < 1e-9) {
    const [mantissa, exp] = n.toExponential(5).split("e");
    const m = mantissa.includes(".") ? mantissa.replace(/0+$/, "").replace(/\.$/, "") : mantissa;
    const e = Number(exp);
    return `${m}E${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  const intDigits = Math.max(1, Math.floor(Math.log10(abs)) + 1);
  const room = 11 - (n < 0 ? 1 : 0) - intDigits - 1;
  let s = room > 0 ? n.toFixed(room) : String(Math.round(n));
  if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
  return s;
}

function formatDate(serial: number, section: string): string {
  const ms = Math.round((serial - 25569) * 86_400_000);
  const d = new Date(ms);
  const dd = String(d.getUTCDate()).padStart(2, "0");
  const mm = String(d.getUTCMonth() + 1).padStart(2, "0");
  const yyyy = String(d.getUTCFullYear());
  return section
    .replace(/yyyy/gi, yyyy)
    .replace(/yy/gi, yyyy.slice(2))
    .replace(/dd/gi, dd)
    .replace(/mm/gi, mm)
    .replace(/(^|[^a-z])d([^a-z]|$)/gi, `$1${d.getUTCDate()}$2`)
    .replace(/\\/g, "");
}

/** The text Excel shows for `value` under `format`. */
export function renderNumberFormat(value: string | number | boolean, format: string): string {
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  if (format === "General" || format === "") return general(value);
  if (format === "@") return general(value);
  const sections = splitSections(format);
  let section = sections[0];
  let n = value;
  if (value < 0 && sections.length > 1) {
    section = sections[1];
    n = -value;
  } else if (value === 0 && sections.length > 2) section = sections[2];
  const bare = section.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "");
  if (/[dy]/i.test(bare) || /m{3,}/i.test(bare)) return formatDate(value, section.replace(/"/g, ""));
  const percent = bare.includes("%");
  if (percent) n *= 100;
  const decimalsMatch = /\.([0#]+)/.exec(bare);
  const decimals = decimalsMatch ? decimalsMatch[1].replace(/#/g, "").length : 0;
  const thousands = /[0#],[0#]/.test(bare);
  const neg = n < 0;
  let digits = Math.abs(n).toFixed(decimals);
  if (thousands) {
    const [int, frac] = digits.split(".");
    digits = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (frac !== undefined ? `.${frac}` : "");
  }
  // Literal text around the number: quoted strings and escaped characters, in place.
  const firstDigit = section.search(/[0#?]/);
  let lastDigit = -1;
  for (let i = section.length - 1; i >= 0; i--) {
    if ("0#?".includes(section[i])) {
      lastDigit = i;
      break;
    }
  }
  const clean = (s: string): string => s.replace(/"([^"]*)"/g, "$1").replace(/\\(.)/g, "$1").replace(/\[[^\]]*\]/g, "").replace(/_./g, " ").replace(/[%,]/g, (c) => (c === "%" ? "%" : ""));
  const prefix = firstDigit >= 0 ? clean(section.slice(0, firstDigit)) : "";
  const suffix = lastDigit >= 0 ? clean(section.slice(lastDigit + 1)) : "";
  return `${neg ? "-" : ""}${prefix}${digits}${suffix}`;
}
