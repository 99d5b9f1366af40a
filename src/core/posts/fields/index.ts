/** Every post-list field's declaration, in column order (parsePostRows reads them in this order). */
import { effectiveDateField } from "./effectiveDate";
import type { PostFieldDeclaration } from "./field";
import { fteField } from "./fte";
import { postholdersField } from "./postholders";
import { replacesField } from "./replaces";
import { reportsToField } from "./reportsTo";
import { similarityField } from "./similarity";
import { statusField } from "./status";
import { directorateField, divisionField, functionsField, gradeField, idField, scenarioField, titleField } from "./text";

export const POST_FIELD_DECLARATIONS: readonly PostFieldDeclaration[] = [
  idField,
  titleField,
  gradeField,
  fteField,
  reportsToField,
  directorateField,
  divisionField,
  functionsField,
  statusField,
  postholdersField,
  scenarioField,
  effectiveDateField,
  similarityField,
  replacesField,
];
