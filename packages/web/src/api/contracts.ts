/**
 * The JSON of the account, permission and audit endpoints comes from @accord/domain (the server
 * answers with the same schemas); what only the web reads (loose shapes of audited values) is here.
 */
import { z } from "zod";
import { Decimal, NegotiationEntryKind, NegotiationParty, NegotiationStatus, SignUpRole, TargetForm } from "@accord/domain";

export {
  roles,
  Role,
  GrantView,
  UserView,
  SessionView,
  SessionOptionsView,
  UserListView,
  CreatedUserView,
  CreatedTokenView,
  PermissionsView,
  HistoryEntryView,
  HistoryView,
  CommentView,
  CommentListView,
  SavedTargetView,
  SignedUpView,
  LocalActionPlanView,
  CurrentPlanView,
} from "@accord/domain";
import { SavedTargetView } from "@accord/domain";

/** An entry of the negotiation log as POST …/negotiation answers it. */
export const NegotiationEntryView = z.object({
  asAt: z.string(),
  kind: NegotiationEntryKind,
  party: NegotiationParty,
  partyName: z.string().nullable(),
  note: z.string().nullable(),
  proposal: z.unknown(),
  /** The indicator's status after the entry. */
  status: NegotiationStatus,
});

/** Shapes written in history entries (before / after), read loosely: old entries may lack a field. */
export const AuditedTarget = SavedTargetView.partial();
export const AuditedBaseline = z.object({ component: z.string(), value: z.string(), unit: z.string().nullable(), period: z.string().nullable(), written: z.string() }).partial();
export const AuditedSignUp = z.object({ organisation: z.string(), role: SignUpRole, detail: z.string().nullable() }).partial();
export const AuditedNegotiationEntry = z
  .object({
    asAt: z.string(),
    kind: NegotiationEntryKind,
    status: NegotiationStatus,
    party: NegotiationParty,
    partyName: z.string().nullable(),
    note: z.string().nullable(),
    proposal: z.array(z.object({ year: z.string(), written: z.string() }).partial()).nullable(),
  })
  .partial();
export const AuditedStatus = z.object({ status: NegotiationStatus }).partial();
export const AuditedComment = z.object({ body: z.string() }).partial();
export const AuditedPlan = z.object({ summary: z.string(), supportedIndicators: z.array(z.string()) }).partial();
/** Monitoring: a value, a return and a round as the audit trail keeps them. */
export const AuditedObservation = z
  .object({ period: z.string(), area: z.string(), component: z.string(), value: z.string(), correctionReason: z.string() })
  .partial();
export const AuditedReturn = z
  .object({
    period: z.string(),
    status: z.string(),
    selfAssessedStatus: z.string().nullable(),
    managerComment: z.string().nullable(),
    name: z.string(),
    values: z.array(z.unknown()),
  })
  .partial();
export const AuditedRound = z.object({ period: z.object({ label: z.string() }).partial(), dueDate: z.string() }).partial();

// ---------- the May 2008 workflow: negotiation thread, sign-up matrix, submission, bulletins ----------

/** A target put forward in a proposal or counter-proposal, read loosely (old entries may lack parts). */
export const ProposedTargetView = z.object({ year: z.string(), component: z.string().default("all"), written: z.string() }).loose();
export type ProposedTargetView = z.infer<typeof ProposedTargetView>;

/** One entry of GET …/indicators/:key/negotiation, oldest first. */
export const NegotiationThreadEntryView = z.object({
  asAt: z.string(),
  kind: z.string(),
  party: NegotiationParty,
  partyName: z.string().nullable(),
  note: z.string().nullable(),
  proposal: z.array(ProposedTargetView).nullable().catch(null),
  status: NegotiationStatus,
  recordedBy: z.string().nullable().optional(),
  /** When it was recorded (server time); null for statuses loaded from the agreement's documents. */
  recordedAt: z.string().nullable().optional(),
  /** A manager's entry copied from a document dated asAt. */
  transcribedFrom: z.string().nullable().optional(),
  transcriptionReason: z.string().nullable().optional(),
  /** What an agreement agreed. */
  basis: z.enum(["proposal", "counter-proposal", "amended"]).nullable().optional(),
});
export type NegotiationThreadEntryView = z.infer<typeof NegotiationThreadEntryView>;
export const NegotiationThreadView = z.object({ entries: z.array(NegotiationThreadEntryView) });

/** GET …/negotiation: what is still open against the next deadline. */
export const NegotiationOverviewView = z.object({
  deadline: z.object({ name: z.string(), date: z.string(), daysLeft: z.number().int() }).nullable(),
  open: z.number().int(),
  openIndicators: z.array(z.string()),
});

export { SignUpMatrixView, SignedUpToAllView, WithdrawnFromAllView, SubmissionCheckView, MyWorkView } from "@accord/domain";
export const SubmittedView = z.object({ status: z.string(), revision: z.number().int() });

export const BulletinView = z.object({
  agreement: z.string(),
  number: z.number().int(),
  issued: z.boolean(),
  issuedAt: z.string().nullable(),
  since: z.string().nullable(),
  sections: z.array(z.object({ title: z.string(), items: z.array(z.object({ at: z.string(), actor: z.string(), text: z.string() })) })),
  deadline: z.object({ name: z.string(), date: z.string(), open: z.number().int(), openIndicators: z.array(z.string()) }).nullable(),
  text: z.string(),
});
export type BulletinView = z.infer<typeof BulletinView>;
export const BulletinListView = z.object({ bulletins: z.array(z.object({ number: z.number().int(), issuedAt: z.string() })), mailConfigured: z.boolean() });
export { DeliveryView, DeliveryListView, ResentView, DistributionListView, InvitationView, InvitedUserView } from "@accord/domain";
