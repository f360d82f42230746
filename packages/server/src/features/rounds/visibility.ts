/**
 * Who sees which monitoring rounds and their values (issue 9 §8): people with a role in the
 * agreement see every round; anyone else (a published agreement's public) sees only published
 * ones, so a round's values stay private until the partnership publishes its report.
 */
import { authorize } from "../../policy/authorize.js";
import type { Actor } from "../../policy/authorize.js";

export function seesUnpublishedRounds(actor: Actor | null, scope: { agreementId: number; published: boolean }): boolean {
  return authorize(actor, "readHistory", { type: "agreement", ...scope }).allowed;
}
