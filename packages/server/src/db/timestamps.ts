/**
 * PGlite and node-postgres print timestamptz differently ("2026-11-23 23:43:35.003+00" and
 * ISO 8601); the API always answers in ISO 8601 UTC.
 */
export function isoTimestamp(value: string): string {
  const parsed = new Date(value.includes("T") ? value : value.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00"));
  return Number.isNaN(parsed.getTime()) ? value : parsed.toISOString();
}

export function isoTimestampOrNull(value: string | null): string | null {
  return value === null ? null : isoTimestamp(value);
}
