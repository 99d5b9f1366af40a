/**
 * Row heights for wrapped text in generated workbooks: Excel does not auto-fit merged cells, and previewers often
 * do not auto-fit at all, so the renderer sets each wrapped row's height from an estimate of its lines.
 */

/**
 * The lines a wrapped text takes in a column `widthChars` wide (Excel's width unit: the digit width of the
 * 11-point body font), wrapping at spaces as Excel and LibreOffice do (a word never splits unless it is longer
 * than the line). Bold text and larger fonts take more room: `scale` is the width of a character relative to
 * the body font. Cautious by design: a row a little too tall prints; a row too short cuts text off.
 */
export function estimateLines(text: string, widthChars: number, scale = 1): number {
  // The cell's padding takes about a character; a character of prose is taken as one digit width.
  const usable = Math.max(1, widthChars - 1) / scale;
  // Most wrapped cells hold one short line: a text no longer than the line, without a line break, is one line
  // whatever its words (they and the single spaces between them fit). Saves splitting 200,000 budget lines.
  if (text.length <= usable && !text.includes("\n")) return 1;
  let lines = 0;
  for (const paragraph of text.split(/\r?\n/)) {
    let used = 0;
    let count = 1;
    for (const word of paragraph.split(/\s+/).filter((w) => w !== "")) {
      const need = used === 0 ? word.length : used + 1 + word.length;
      if (need <= usable) used = need;
      else if (word.length > usable) {
        count += (used === 0 ? 0 : 1) + Math.ceil(word.length / usable) - 1;
        used = word.length % usable || usable;
      } else {
        count++;
        used = word.length;
      }
    }
    lines += count;
  }
  return Math.max(1, lines);
}
