/** An unpublished agreement is read only by people with a role in it. */
import type { Db } from "../../db/client.js";
import { authorize, ensureAllowed } from "../../policy/authorize.js";
import { agreementScope } from "../indicators/scope.js";
import type { Actor } from "../../policy/authorize.js";
import { getAgreement } from "./service.js";
import type { PresentedAgreement } from "./presenters.js";

export async function ensureReadable(db: Db, actor: Actor | null, slug: string): Promise<PresentedAgreement> {
  const agreement = await getAgreement(db, slug);
  ensureAllowed(actor, "read", { type: "agreement", agreementId: agreement.detail.id, published: agreement.detail.published });
  return agreement;
}

interface Linked {
  predecessor: { slug: string; name: string } | null;
  successor: { slug: string; name: string } | null;
}

/** A predecessor or successor the reader may not read is not named: its name is not public either. */
export async function withReadableLinks<T extends Linked>(db: Db, actor: Actor | null, agreement: T): Promise<T> {
  const readable = async (link: { slug: string; name: string } | null) => {
    if (link === null) return null;
    const scope = await agreementScope(db, link.slug);
    return authorize(actor, "read", { type: "agreement", ...scope }).allowed ? link : null;
  };
  const [predecessor, successor] = await Promise.all([readable(agreement.predecessor), readable(agreement.successor)]);
  return { ...agreement, predecessor, successor };
}

/** The same for a list already filtered to what the reader may read. */
export function linksWithin<T extends Linked & { slug: string }>(agreements: T[]): T[] {
  const shown = new Set(agreements.map((agreement) => agreement.slug));
  const keep = (link: { slug: string; name: string } | null) => (link !== null && shown.has(link.slug) ? link : null);
  return agreements.map((agreement) => ({ ...agreement, predecessor: keep(agreement.predecessor), successor: keep(agreement.successor) }));
}
