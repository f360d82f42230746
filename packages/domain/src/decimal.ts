/**
 * Exact arithmetic on numbers kept as text ("1183", "9.6"). Baselines and targets are stored as
 * Postgres numeric; working them out in floating point would show 591.4999999 where the seed
 * shows 591.5, so every result here comes from BigInt scaled integers and is handed back as
 * normalised text: no exponent, no trailing zeros, no "-0".
 */
import { DomainError } from "./errors.js";

/** units / 10^scale */
interface Scaled {
  units: bigint;
  scale: number;
}

/**
 * Places kept when a division does not terminate (1 / 3). Ten is well beyond any figure in the
 * seeds (at most two places, e.g. 11.49%) and beyond what a report prints.
 */
export const divisionPlaces = 10;

const decimalText = /^([+-])?(\d+)(?:\.(\d+))?$/;

function toScaled(text: string, field?: string): Scaled {
  const match = decimalText.exec(text.trim());
  if (!match) {
    throw new DomainError("INVALID_DECIMAL", `"${text}" is not a number written with digits, e.g. 1183 or 67.5`, field);
  }
  const [, sign, whole = "", fraction = ""] = match;
  const units = BigInt(whole + fraction);
  return { units: sign === "-" ? -units : units, scale: fraction.length };
}

function toText({ units, scale }: Scaled): string {
  const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, "");
  const text = fraction ? `${whole}.${fraction}` : whole;
  return units < 0n ? `-${text}` : text;
}

function powerOfTen(exponent: number): bigint {
  return 10n ** BigInt(exponent);
}

function atScale(value: Scaled, scale: number): bigint {
  return value.units * powerOfTen(scale - value.scale);
}

function aligned(a: string, b: string): { a: bigint; b: bigint; scale: number } {
  const left = toScaled(a);
  const right = toScaled(b);
  const scale = Math.max(left.scale, right.scale);
  return { a: atScale(left, scale), b: atScale(right, scale), scale };
}

/** Divides, rounding half away from zero as Postgres round() does; divisor must be positive. */
function divideRounded(dividend: bigint, divisor: bigint): bigint {
  const quotient = dividend / divisor;
  const remainder = dividend % divisor;
  const magnitude = remainder < 0n ? -remainder : remainder;
  if (2n * magnitude < divisor) return quotient;
  return dividend < 0n ? quotient - 1n : quotient + 1n;
}

function greatestCommonDivisor(a: bigint, b: bigint): bigint {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function checkPlaces(places: number): void {
  if (!Number.isInteger(places) || places < 0) throw new RangeError(`places must be a whole number ≥ 0, got ${places}`);
}

export function isDecimal(text: string): boolean {
  return decimalText.test(text.trim());
}

/** "592.0" → "592", "-0" → "0", "+5" → "5", "007.50" → "7.5". Throws for anything else. */
export function normaliseDecimal(text: string, field?: string): string {
  return toText(toScaled(text, field));
}

export function addDecimals(a: string, b: string): string {
  const { a: left, b: right, scale } = aligned(a, b);
  return toText({ units: left + right, scale });
}

export function subtractDecimals(a: string, b: string): string {
  const { a: left, b: right, scale } = aligned(a, b);
  return toText({ units: left - right, scale });
}

export function multiplyDecimals(a: string, b: string): string {
  const left = toScaled(a);
  const right = toScaled(b);
  return toText({ units: left.units * right.units, scale: left.scale + right.scale });
}

/**
 * Exact when the quotient terminates (2859 / 8 = 357.375, however many places that takes);
 * otherwise rounded half away from zero to `places` (default {@link divisionPlaces}).
 */
export function divideDecimals(dividend: string, divisor: string, places: number = divisionPlaces): string {
  checkPlaces(places);
  const top = toScaled(dividend);
  const bottom = toScaled(divisor);
  if (bottom.units === 0n) throw new DomainError("DIVISION_BY_ZERO", `cannot divide ${dividend} by zero`, "divisor");
  // dividend / divisor as one fraction numerator / denominator with a positive denominator
  const sign = bottom.units < 0n ? -1n : 1n;
  let numerator = top.units * powerOfTen(bottom.scale) * sign;
  let denominator = bottom.units * powerOfTen(top.scale) * sign;
  const common = greatestCommonDivisor(numerator, denominator);
  numerator /= common;
  denominator /= common;

  // A fraction terminates when its reduced denominator has no prime factors but 2 and 5.
  let rest = denominator;
  let twos = 0;
  let fives = 0;
  while (rest % 2n === 0n) [rest, twos] = [rest / 2n, twos + 1];
  while (rest % 5n === 0n) [rest, fives] = [rest / 5n, fives + 1];
  if (rest === 1n) {
    const scale = Math.max(twos, fives);
    return toText({ units: (numerator * powerOfTen(scale)) / denominator, scale });
  }
  return toText({ units: divideRounded(numerator * powerOfTen(places), denominator), scale: places });
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const { a: left, b: right } = aligned(a, b);
  if (left === right) return 0;
  return left < right ? -1 : 1;
}

/** Rounds half away from zero, as Postgres round() does: the seed prints 592 for 591.5. */
export function roundDecimal(value: string, places: number): string {
  checkPlaces(places);
  const scaled = toScaled(value);
  if (scaled.scale <= places) return toText(scaled);
  return toText({ units: divideRounded(scaled.units, powerOfTen(scaled.scale - places)), scale: places });
}

/** percent per cent of value, always exact: 50% of 1183 is 591.5. */
export function percentageOf(value: string, percent: string): string {
  const base = toScaled(value);
  const share = toScaled(percent);
  return toText({ units: base.units * share.units, scale: base.scale + share.scale + 2 });
}
