/**
 * Installs the CustomFunctions stand-in before anything else in the preview is evaluated: the functions module
 * (reached through the Excel stand-in's BUDGET plugin) calls CustomFunctions.associate when it loads.
 */
import { installCustomFunctionsRuntime } from "../../test/standin/customFunctionsRuntime";

installCustomFunctionsRuntime();
