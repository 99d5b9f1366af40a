/**
 * The post-list rules, one per file, in the order their findings are listed for one cell. Reading the list
 * (../../postList.ts) also reports number-as-text, missing-value, invalid-value, formula-error and
 * fte-not-a-number for cells that do not read.
 */
import type { PostRule } from "../rule";
import { blankGrade } from "./blankGrade";
import { duplicatePostId } from "./duplicatePostId";
import { fteLooksLikeHours } from "./fteLooksLikeHours";
import { fteNotANumber } from "./fteNotANumber";
import { fteOutOfRange } from "./fteOutOfRange";
import { gradeInversion } from "./gradeInversion";
import { missingPostId } from "./missingPostId";
import { multipleTops } from "./multipleTops";
import { replacesInvalid } from "./replacesInvalid";
import { replacesSimilarityTotal } from "./replacesSimilarityTotal";
import { reportingCycle } from "./reportingCycle";
import { reportsToMissing } from "./reportsToMissing";
import { spanOfControl } from "./spanOfControl";
import { statusInvalid } from "./statusInvalid";
import { tiersExceeded } from "./tiersExceeded";
import { unknownGrade } from "./unknownGrade";

export const POST_RULES: readonly PostRule[] = [
  missingPostId,
  duplicatePostId,
  statusInvalid,
  blankGrade,
  unknownGrade,
  fteNotANumber,
  fteOutOfRange,
  fteLooksLikeHours,
  reportingCycle,
  reportsToMissing,
  multipleTops,
  tiersExceeded,
  spanOfControl,
  gradeInversion,
  replacesInvalid,
  replacesSimilarityTotal,
];
