/**
 * Every rule the add-in reports, by id: budget and savings sheet rules (./rules/), formula errors, and the
 * post-list rules (../posts/checks/rules/). The mapped type makes the compiler check that each RuleId of
 * ../findings.ts has exactly one rule whose metadata carries that id. The task pane's titles, the check
 * report's titles and docs/rules.md (`npm run docs:rules`) all come from here.
 */
import type { RuleId } from "../findings";
import { POST_RULES } from "../posts/checks/rules";
import { blankGrade } from "../posts/checks/rules/blankGrade";
import { duplicateColumn } from "../posts/checks/rules/duplicateColumn";
import { duplicatePostId } from "../posts/checks/rules/duplicatePostId";
import { fteColumnMissing } from "../posts/checks/rules/fteColumnMissing";
import { fteLooksLikeHours } from "../posts/checks/rules/fteLooksLikeHours";
import { fteNotANumber } from "../posts/checks/rules/fteNotANumber";
import { fteOutOfRange } from "../posts/checks/rules/fteOutOfRange";
import { gradeInversion } from "../posts/checks/rules/gradeInversion";
import { missingPostId } from "../posts/checks/rules/missingPostId";
import { multipleTops } from "../posts/checks/rules/multipleTops";
import { reportingCycle } from "../posts/checks/rules/reportingCycle";
import { replacesInvalid } from "../posts/checks/rules/replacesInvalid";
import { replacesSimilarityTotal } from "../posts/checks/rules/replacesSimilarityTotal";
import { reportsToMissing } from "../posts/checks/rules/reportsToMissing";
import { spanOfControl } from "../posts/checks/rules/spanOfControl";
import { statusInvalid } from "../posts/checks/rules/statusInvalid";
import { tiersExceeded } from "../posts/checks/rules/tiersExceeded";
import { unknownGrade } from "../posts/checks/rules/unknownGrade";
import type { RuleMeta } from "../rule";
import { formulaError, TABLE_RULES } from "./rules";
import { blankService } from "./rules/blankService";
import { duplicateService } from "./rules/duplicateService";
import { invalidValue } from "./rules/invalidValue";
import { missingValue } from "./rules/missingValue";
import { mixedUnits } from "./rules/mixedUnits";
import { negativeNet } from "./rules/negativeNet";
import { netExceedsGross } from "./rules/netExceedsGross";
import { numberAsText } from "./rules/numberAsText";
import { rangeInvalid } from "./rules/rangeInvalid";
import { rangeTotalMismatch } from "./rules/rangeTotalMismatch";
import { requirementGap } from "./rules/requirementGap";
import { gapMismatch } from "./rules/gapMismatch";
import { sumRangeGap } from "./rules/sumRangeGap";
import { totalHardcoded } from "./rules/totalHardcoded";
import { totalLikeLine } from "./rules/totalLikeLine";
import { totalMismatch } from "./rules/totalMismatch";

/** Each rule's metadata, keyed by its id. */
export const RULES: { readonly [K in RuleId]: RuleMeta<K> } = {
  "total-mismatch": totalMismatch.meta,
  "total-hardcoded": totalHardcoded.meta,
  "total-like-line": totalLikeLine.meta,
  "sum-range-gap": sumRangeGap.meta,
  "number-as-text": numberAsText.meta,
  "missing-value": missingValue.meta,
  "invalid-value": invalidValue.meta,
  "blank-service": blankService.meta,
  "duplicate-service": duplicateService.meta,
  "net-exceeds-gross": netExceedsGross.meta,
  "negative-net": negativeNet.meta,
  "mixed-units": mixedUnits.meta,
  "formula-error": formulaError.meta,
  "range-invalid": rangeInvalid.meta,
  "range-total-mismatch": rangeTotalMismatch.meta,
  "requirement-gap": requirementGap.meta,
  "gap-mismatch": gapMismatch.meta,
  "missing-post-id": missingPostId.meta,
  "duplicate-post-id": duplicatePostId.meta,
  "reports-to-missing": reportsToMissing.meta,
  "reporting-cycle": reportingCycle.meta,
  "multiple-tops": multipleTops.meta,
  "tiers-exceeded": tiersExceeded.meta,
  "span-of-control": spanOfControl.meta,
  "blank-grade": blankGrade.meta,
  "unknown-grade": unknownGrade.meta,
  "fte-not-a-number": fteNotANumber.meta,
  "fte-out-of-range": fteOutOfRange.meta,
  "fte-looks-like-hours": fteLooksLikeHours.meta,
  "fte-column-missing": fteColumnMissing.meta,
  "duplicate-column": duplicateColumn.meta,
  "grade-inversion": gradeInversion.meta,
  "status-invalid": statusInvalid.meta,
  "replaces-invalid": replacesInvalid.meta,
  "replaces-similarity-total": replacesSimilarityTotal.meta,
};

/** The rules in the order docs/rules.md lists them: sheet rules as they run, then the post-list rules. */
export const RULE_LIST: readonly RuleMeta[] = [
  ...TABLE_RULES.map((r) => r.meta),
  formulaError.meta,
  ...POST_RULES.map((r) => r.meta),
  fteColumnMissing.meta,
  duplicateColumn.meta,
];

/** A rule's short title ("Total typed as a number"). */
export const RULE_TITLES: { readonly [K in RuleId]: string } = Object.fromEntries(Object.entries(RULES).map(([id, m]) => [id, m.title])) as { [K in RuleId]: string };
