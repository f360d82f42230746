/**
 * The JSON of the account, permission, audit and editing endpoints, decided once: the server's
 * routes answer with these schemas and the web app reads them.
 */
import { z } from "zod";
import { Decimal, SignUpRole } from "./vocabulary.js";
import { TargetForm } from "./target-forms.js";

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
  /** Open, close and publish the agreement's monitoring rounds (a manager of it). */
  manageRounds: z.boolean(),
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
  /** ISO 8601, UTC. */
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
/** One page of changes, newest first, with how many there are in all. */
export const HistoryView = z.object({
  history: z.array(HistoryEntryView),
  page: z.number().int(),
  limit: z.number().int(),
  total: z.number().int(),
});
export type HistoryView = z.infer<typeof HistoryView>;

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

