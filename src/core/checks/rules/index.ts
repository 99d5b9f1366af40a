/**
 * The budget and savings sheet rules, one per file, in the order their findings are listed for one cell.
 * Add a rule: a file exporting a TableRule, its id in BudgetRuleId (../../findings.ts), a line here, a test
 * file in test/checks/rules/, then `npm run docs:rules`.
 */
import type { TableRule } from "../rule";
import { blankService } from "./blankService";
import { duplicateService } from "./duplicateService";
import { gapMismatch } from "./gapMismatch";
import { invalidValue } from "./invalidValue";
import { missingValue } from "./missingValue";
import { mixedUnits } from "./mixedUnits";
import { negativeNet } from "./negativeNet";
import { netExceedsGross } from "./netExceedsGross";
import { numberAsText } from "./numberAsText";
import { rangeInvalid } from "./rangeInvalid";
import { rangeTotalMismatch } from "./rangeTotalMismatch";
import { requirementGap } from "./requirementGap";
import { sumRangeGap } from "./sumRangeGap";
import { totalHardcoded } from "./totalHardcoded";
import { totalLikeLine } from "./totalLikeLine";
import { totalMismatch } from "./totalMismatch";

export { formulaError } from "./formulaError";

export const TABLE_RULES: readonly TableRule[] = [
  blankService,
  duplicateService,
  numberAsText,
  missingValue,
  invalidValue,
  rangeInvalid,
  mixedUnits,
  sumRangeGap,
  totalMismatch,
  rangeTotalMismatch,
  totalHardcoded,
  totalLikeLine,
  netExceedsGross,
  negativeNet,
  requirementGap,
  gapMismatch,
];
