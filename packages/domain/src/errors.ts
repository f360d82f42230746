/**
 * A rule of the domain said no. The server maps these to HTTP 4xx once and the CLI prints them;
 * the message is written for the person who typed the value, and field names what they typed.
 */
export const domainErrorCodes = [
  "INVALID_DECIMAL",
  "DIVISION_BY_ZERO",
  "INVALID_FINANCIAL_YEAR",
  "FINANCIAL_YEARS_OUT_OF_ORDER",
  "INVALID_DATE",
  "UNREADABLE_TARGET",
  "DUPLICATE_TARGET_YEAR",
  "INVALID_INDICATOR_CODE",
  "INVALID_REPORTING_PERIOD",
  "INVALID_TOLERANCE",
] as const;
export type DomainErrorCode = (typeof domainErrorCodes)[number];

export class DomainError extends Error {
  override readonly name = "DomainError";
  readonly code: DomainErrorCode;
  readonly field: string | undefined;

  constructor(code: DomainErrorCode, message: string, field?: string) {
    super(message);
    this.code = code;
    this.field = field;
  }
}
