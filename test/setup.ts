import { installCustomFunctionsRuntime } from "./standin/customFunctionsRuntime";

installCustomFunctionsRuntime();
