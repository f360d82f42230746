/**
 * Indicator codes as people write them ("NI 47", "KA1 9.S1") and as they appear in a path
 * (/indicators/ni-47). The key is what URLs, file names and exports use.
 */
import { DomainError } from "./errors.js";

/** "NI 47" → "ni-47", "KA1 9.S1" → "ka1-9-s1". */
export function indicatorKey(code: string): string {
  const key = code
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (key === "") {
    throw new DomainError("INVALID_INDICATOR_CODE", `"${code}" has no letters or digits to make an indicator code from`, "code");
  }
  return key;
}

/** Part of the National Indicator Set (marked * in the submission template): "NI 1" to "NI 198". */
export function isNationalIndicator(code: string): boolean {
  return /^NI \d+$/.test(code);
}
