import { installCustomFunctionsRuntime } from "./standin/customFunctionsRuntime";
import { configureProperties } from "./propertyRuns";

configureProperties();
installCustomFunctionsRuntime();
