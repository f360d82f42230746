/**
 * Errors are values with a code, a human message and, where it applies, the field at fault.
 * They are mapped to HTTP once (http/errors.ts) and printed by the CLI.
 */
export type AppErrorCode =
  | "BAD_REQUEST"
  | "NOT_FOUND"
  | "DATA_FOLDER_IN_USE"
  | "INVALID_DATA"
  | "CONFLICT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "RATE_LIMITED";

const httpStatusByCode: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  INVALID_DATA: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  DATA_FOLDER_IN_USE: 503,
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly field: string | undefined;
  /** Further problems (e.g. every bad row of an import), each with its own field. */
  readonly details: { field: string; message: string }[];

  constructor(code: AppErrorCode, message: string, options: { field?: string; details?: { field: string; message: string }[] } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.field = options.field;
    this.details = options.details ?? [];
  }

  get httpStatus(): number {
    return httpStatusByCode[this.code];
  }
}

export function notFound(what: string, field?: string): AppError {
  return new AppError("NOT_FOUND", `${what} was not found`, field === undefined ? {} : { field });
}
