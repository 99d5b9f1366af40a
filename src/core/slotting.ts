/**
 * The slotting rule: a post holder is slotted (placed automatically) into a new job when all three hold:
 * the new job is the same grade as the old one; there are as many jobs as job holders, or more; and the
 * job is at least 75% the same work. Otherwise the job is ring-fenced to unslotted staff first.
 * Conditions are checked in that order and the first that fails is reported.
 */

import { normaliseGrade } from "./grades";

export type SlottingFailure = "grade differs" | "fewer jobs than holders" | "less than 75% the same work";

export interface SlottingOutcome {
  outcome: "slot" | "ring-fence";
  /** The first condition that failed (only for "ring-fence"). */
  failed?: SlottingFailure;
}

export interface SlottingCase {
  oldGrade: string;
  newGrade: string;
  /** Number of new jobs. */
  jobs: number;
  /** Number of people in the old posts who could be slotted. */
  holders: number;
  /** How much of the new job is the same work: 0.75 or 75 both mean 75%. */
  similarity: number;
}

/** The threshold for slotting: at least 75% the same work. */
export const SLOTTING_SIMILARITY = 0.75;

export class SlottingInputError extends Error {
  override name = "SlottingInputError";
}

/** 0.75 -> 0.75; 75 -> 0.75 (a percentage typed without %). Values above 100 or below 0 are rejected. */
export function similarityFraction(similarity: number): number {
  if (!Number.isFinite(similarity) || similarity < 0 || similarity > 100) {
    throw new SlottingInputError(`Similarity must be a percentage from 0% to 100%, such as 75% or 0.75 (got ${similarity}).`);
  }
  return similarity > 1 ? similarity / 100 : similarity;
}

/** A similarity as a fraction (similarityFraction's result) shown as a whole percentage: 0.8 -> "80%". */
export function similarityPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

function checkCount(n: number, what: string): void {
  if (!Number.isFinite(n) || n < 0 || !Number.isInteger(n)) {
    throw new SlottingInputError(`The number of ${what} must be a whole number, 0 or more (got ${n}).`);
  }
}

/** Apply the slotting rule. Throws SlottingInputError for a blank grade, a negative count or a bad similarity. */
export function slottingOutcome(c: SlottingCase): SlottingOutcome {
  const oldG = normaliseGrade(c.oldGrade);
  const newG = normaliseGrade(c.newGrade);
  if (oldG === "") throw new SlottingInputError("The old grade is blank.");
  if (newG === "") throw new SlottingInputError("The new grade is blank.");
  checkCount(c.jobs, "jobs");
  checkCount(c.holders, "job holders");
  const similarity = similarityFraction(c.similarity);
  if (oldG !== newG) return { outcome: "ring-fence", failed: "grade differs" };
  if (c.jobs < c.holders) return { outcome: "ring-fence", failed: "fewer jobs than holders" };
  if (similarity < SLOTTING_SIMILARITY - 1e-9) return { outcome: "ring-fence", failed: "less than 75% the same work" };
  return { outcome: "slot" };
}

/** "Slot" or "Ring-fence: grade differs" (the text BUDGET.SLOTTING returns). */
export function slottingText(o: SlottingOutcome): string {
  return o.outcome === "slot" ? "Slot" : `Ring-fence: ${o.failed ?? "conditions not met"}`;
}
