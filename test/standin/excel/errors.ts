/** Errors shaped like Office's (OfficeExtension.Error): a `code`, a `message` and `debugInfo`. */

export type StandInErrorCode =
  | "PropertyNotLoaded"
  | "InvalidArgument"
  | "InvalidOperation"
  | "ItemNotFound"
  | "ItemAlreadyExists"
  | "InvalidObjectPath"
  | "AccessDenied"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded"
  | "NotImplemented"
  | "GeneralException"
  | "ApiNotFound"
  | "InvalidSelection"
  | "InvalidOperationInCellEditMode";

export class StandInOfficeError extends Error {
  readonly code: StandInErrorCode;
  readonly debugInfo: { code: StandInErrorCode; message: string; errorLocation?: string };
  constructor(code: StandInErrorCode, message: string, errorLocation?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

export function propertyNotLoaded(property: string, location: string): StandInOfficeError {
  return new StandInOfficeError(
    "PropertyNotLoaded",
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    location,
  );
}
