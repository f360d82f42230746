/** Writes one audit event inside the caller's transaction, so a failed change leaves none. */
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import type { Actor } from "../../policy/authorize.js";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface AuditEntry {
  actor: Actor | null;
  /** "target.set", "signUp.create", "grant.revoke"… */
  action: string;
  entityType: "agreement" | "agreementIndicator" | "localActionPlan" | "user" | "indicatorDefinition" | "monitoringRound"
    | "rewardTarget" | "rewardAssumptions" | "consultationEvent" | "fundingStream" | "installation";
  entityId: number | string;
  agreementId: number | null;
  before: unknown;
  after: unknown;
}

export async function recordAudit(tx: Tx | Db, entry: AuditEntry): Promise<void> {
  await tx.insert(t.auditEvents).values({
    // The command line acts as id 0, which is no account.
    userId: entry.actor && entry.actor.id > 0 ? entry.actor.id : null,
    // The command line acting as a manager has a name and no e-mail address.
    actor: entry.actor ? (entry.actor.email ? `${entry.actor.name} <${entry.actor.email}>` : entry.actor.name) : "accord command line",
    action: entry.action,
    entityType: entry.entityType,
    entityId: String(entry.entityId),
    agreementId: entry.agreementId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
