/** An unpublished agreement is read only by people with a role in it. */
import type { Db } from "../../db/client.js";
import { ensureAllowed } from "../../policy/authorize.js";
import type { Actor } from "../../policy/authorize.js";
import { getAgreement } from "./service.js";
import type { PresentedAgreement } from "./presenters.js";

export async function ensureReadable(db: Db, actor: Actor | null, slug: string): Promise<PresentedAgreement> {
  const agreement = await getAgreement(db, slug);
  ensureAllowed(actor, "read", { type: "agreement", agreementId: agreement.detail.id, published: agreement.detail.published });
  return agreement;
}
