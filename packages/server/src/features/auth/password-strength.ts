/**
 * Whether a password a person chose is hard enough to guess, judged by zxcvbn-ts (common
 * passwords, English words and names, keyboard patterns, repeats, dates) with the words this
 * installation and this person make easy to guess added: the product, the demo's county and
 * password, the person's own e-mail address and name.
 */
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";
import { AppError } from "../../errors.js";
import { demoPassword } from "./settings.js";

export const minimumPasswordLength = 12;
/** zxcvbn's 3 of 4: "safely unguessable" even if the hashes were stolen, given a slow hash (argon2id). */
const minimumScore = 3;

/** Words anyone guessing at an Accord installation would try first. */
const installationWords = ["accord", "kent", "partnership", "agreement", "local area agreement", "government office", "council", demoPassword];

let checker: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  // Building the dictionaries takes a moment; do it once, on first use.
  checker ??= new ZxcvbnFactory({
    translations: {
      ...english.translations,
      // zxcvbn's own wording ("personal or page related data") does not say what it found.
      warnings: { ...english.translations.warnings, userInputs: "It contains your e-mail address, your name, or a word this site uses." },
    },
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...english.dictionary },
    useLevenshteinDistance: false,
  });
  return checker;
}

export interface PasswordContext {
  email?: string | undefined;
  name?: string | undefined;
}

/** The person's own details as separate words: "jo.bloggs@kent.gov.uk" gives jo, bloggs, kent, gov… */
function personalWords(context: PasswordContext): string[] {
  const words = [context.email, context.name].filter((value): value is string => typeof value === "string" && value.length > 0);
  const parts = words.flatMap((value) => value.toLowerCase().split(/[^a-z0-9]+/)).filter((part) => part.length >= 3);
  return [...words.map((value) => value.toLowerCase()), ...(context.email ? [context.email.split("@")[0] ?? ""] : []), ...parts];
}

/** Why the password is refused, in words, or null when it will do. */
export function passwordWeakness(password: string, context: PasswordContext = {}): string | null {
  if (password.length < minimumPasswordLength) return `must be at least ${minimumPasswordLength} characters`;
  const result = zxcvbn().check(password, [...installationWords, ...personalWords(context)]);
  if (result.score >= minimumScore) return null;
  const reasons = [result.feedback.warning, ...result.feedback.suggestions].filter((text): text is string => Boolean(text));
  const advice = reasons.length > 0 ? reasons.join(" ") : "Add another word or two that are less common.";
  return `is too easy to guess. ${advice}`;
}

/** Refuses a weak password with a 400 naming the field and saying why. */
export function ensureStrongPassword(password: string, field: string, context: PasswordContext = {}): void {
  const weakness = passwordWeakness(password, context);
  if (weakness !== null) throw new AppError("BAD_REQUEST", `The password ${weakness}`, { field });
}
