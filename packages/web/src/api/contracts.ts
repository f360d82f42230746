/**
 * The JSON of the account, permission and audit endpoints. The server declares these shapes in
 * its own feature folders (users/schema.ts, agreements/permissions.ts, indicators/schema.ts,
 * local-plans/routes.ts) rather than in @accord/domain's api.ts, so the web app states what it
 * reads here; e2e/contract.test.ts checks them against the running server.
 */
import { z } from "zod";
import { Decimal, NegotiationEntryKind, NegotiationParty, NegotiationStatus, SignUpRole, TargetForm } from "@accord/domain";

export const roles = ["manager", "officer", "partner", "government", "lsp", "viewer"] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

export const GrantView = z.object({
  id: z.number().int(),
  role: Role,
  agreement: z.string().nullable(),
  indicator: z.string().nullable(),
  organisation: z.string().nullable(),
  district: z.string().nullable(),
  /** In the server's words: "officer for NI 47 in kent-ka2". */
  description: z.string(),
});
export type GrantView = z.infer<typeof GrantView>;

export const UserView = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  organisation: z.object({ slug: z.string(), name: z.string() }).nullable(),
  disabled: z.boolean(),
  grants: z.array(GrantView),
});
export type UserView = z.infer<typeof UserView>;

export const SessionView = z.object({ user: UserView.nullable(), csrfToken: z.string().nullable() });
export type SessionView = z.infer<typeof SessionView>;

export const SessionOptionsView = z.object({
  demo: z.boolean(),
  demoPassword: z.string().nullable(),
  /** Signing in through the organisation's identity provider, when the installation has one. */
  singleSignOn: z.object({ label: z.string(), start: z.string() }).nullable().optional(),
});
export type SessionOptionsView = z.infer<typeof SessionOptionsView>;

export const UserListView = z.object({ users: z.array(UserView) });
export const CreatedUserView = z.object({ user: UserView, password: z.string() });
export const CreatedTokenView = z.object({ id: z.number().int(), token: z.string() });

export const PermissionsView = z.object({
  signedIn: z.boolean(),
  read: z.boolean(),
  update: z.boolean(),
  manageUsers: z.boolean(),
  readHistory: z.boolean(),
  comment: z.boolean(),
  recordNegotiation: z.boolean(),
  /** Indicator keys whose baseline and targets this person may change. */
  proposeTarget: z.array(z.string()),
  /** Organisations this person may sign up to (or withdraw from) any indicator. */
  signUpFor: z.array(z.string()),
  /** Districts (ONS codes) whose local action plan this person may edit. */
  editLocalActionPlan: z.array(z.string()),
});
export type PermissionsView = z.infer<typeof PermissionsView>;

export const HistoryEntryView = z.object({
  id: z.number().int(),
  /** "2026-11-23 23:43:35.003+00" from PGlite, an ISO string from PostgreSQL. */
  at: z.string(),
  /** "Name <e-mail>", or "accord command line". */
  actor: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type HistoryEntryView = z.infer<typeof HistoryEntryView>;
export const HistoryView = z.object({ history: z.array(HistoryEntryView) });

export const CommentView = z.object({ id: z.number().int(), author: z.string(), body: z.string(), createdAt: z.string() });
export type CommentView = z.infer<typeof CommentView>;
export const CommentListView = z.object({ comments: z.array(CommentView) });

/** A target as PUT …/targets answers it and as a 409 carries it in `current`. */
export const SavedTargetView = z.object({
  year: z.string(),
  component: z.string(),
  target: TargetForm,
  value: Decimal.nullable(),
  writtenValue: z.string().nullable(),
  written: z.string(),
  version: z.number().int(),
});
export type SavedTargetView = z.infer<typeof SavedTargetView>;

export const SignedUpView = z.object({
  organisation: z.string(),
  role: SignUpRole,
  detail: z.string().nullable(),
  /** The duty to have regard to the target, when the organisation is a statutory partner. */
  statutoryDuty: z.string().nullable(),
});
export type SignedUpView = z.infer<typeof SignedUpView>;

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

export const LocalActionPlanView = z.object({
  district: z.object({ code: z.string(), name: z.string(), lsp: z.string().nullable() }),
  summary: z.string(),
  supportedIndicators: z.array(z.string()),
  /** 0 while the district has no plan yet. */
  version: z.number().int(),
});
export type LocalActionPlanView = z.infer<typeof LocalActionPlanView>;

/** The plan as a 409 carries it in `current`. */
export const CurrentPlanView = z.object({ summary: z.string(), supportedIndicators: z.array(z.string()), version: z.number().int() });

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
});
export type NegotiationThreadEntryView = z.infer<typeof NegotiationThreadEntryView>;
export const NegotiationThreadView = z.object({ entries: z.array(NegotiationThreadEntryView) });

/** GET …/negotiation: what is still open against the next deadline. */
export const NegotiationOverviewView = z.object({
  deadline: z.object({ name: z.string(), date: z.string(), daysLeft: z.number().int() }).nullable(),
  open: z.number().int(),
  openIndicators: z.array(z.string()),
});

export const SignUpMatrixView = z.object({
  indicators: z.array(z.object({ key: z.string(), code: z.string(), hasLead: z.boolean() })),
  organisations: z.array(z.object({ slug: z.string(), name: z.string(), statutory: z.boolean(), signUps: z.record(z.string(), SignUpRole) })),
});
export type SignUpMatrixView = z.infer<typeof SignUpMatrixView>;

export const SignedUpToAllView = z.object({ signedUp: z.array(z.string()), alreadySignedUp: z.array(z.string()), statutoryDuty: z.string().nullable() });

export const SubmissionCheckView = z.object({
  agreement: z.string(),
  asAt: z.string(),
  ready: z.boolean(),
  problems: z.array(z.object({ subject: z.string(), rule: z.string(), message: z.string() })),
});
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
export const BulletinListView = z.object({ bulletins: z.array(z.object({ number: z.number().int(), issuedAt: z.string() })) });
