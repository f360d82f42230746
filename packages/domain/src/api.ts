/**
 * The JSON the API returns, decided once (presenters in the server build exactly these shapes;
 * the web app reads them). zod schemas double as the OpenAPI response documentation.
 */
import { z } from "zod";
import {
  AgreementIndicatorKind,
  AgreementIndicatorState,
  AgreementStatus,
  AgreementStructure,
  AreaKind,
  FreedomPriority,
  FreedomScope,
  IndicatorSource,
  NegotiationEntryKind,
  NegotiationParty,
  NegotiationStatus,
  OrganisationKind,
  OutcomePartnerRole,
  Polarity,
  SignUpRole,
  ThemeKind,
  TitleStatus,
} from "./vocabulary.js";
import { TargetForm } from "./target-forms.js";
import { Role } from "./accounts-api.js";

export const ApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** The request field at fault ("asAt", "slug"), when there is one. */
    field: z.string().optional(),
    /** Every problem, when there are several (e.g. every bad row of an import). */
    details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
  /** With a 409: the resource as it now stands, so the client can show what changed. */
  current: z.unknown().optional(),
});
export type ApiError = z.infer<typeof ApiError>;

export const OrganisationRef = z.object({
  slug: z.string(),
  name: z.string(),
  kind: OrganisationKind,
  statutory: z.boolean(),
});
export type OrganisationRef = z.infer<typeof OrganisationRef>;

export const OrganisationView = OrganisationRef.extend({
  statutoryBasis: z.string().nullable(),
  aliases: z.array(z.string()),
  area: z.object({ code: z.string(), name: z.string() }).nullable(),
  note: z.string().nullable(),
});
export type OrganisationView = z.infer<typeof OrganisationView>;

export const AreaView = z.object({
  code: z.string(),
  legacyCode: z.string().nullable(),
  name: z.string(),
  kind: AreaKind,
  parent: z.string().nullable(),
  lsp: z.string().nullable(),
  note: z.string().nullable(),
});
export type AreaView = z.infer<typeof AreaView>;

export const BaselineView = z.object({
  component: z.string(),
  value: z.string(),
  unit: z.string().nullable(),
  period: z.string().nullable(),
  source: z.string().nullable(),
  written: z.string(),
  /** Send it back when changing the baseline; a stale one gets 409. */
  version: z.number().int(),
});
export type BaselineView = z.infer<typeof BaselineView>;

export const PendingBaselineView = z.object({
  reason: z.string(),
  expectedBy: z.string().nullable(),
  written: z.string(),
  /** Send it back when changing the reason; a stale one gets 409. */
  version: z.number().int(),
});
export type PendingBaselineView = z.infer<typeof PendingBaselineView>;

export const TargetView = z.object({
  year: z.string(),
  component: z.string(),
  target: TargetForm,
  /** The number the target works out at from its form and the baseline; null when the baseline is pending. */
  value: z.string().nullable(),
  /** The number the seed printed, when it differs from the computed one (592 beside 591.5). */
  writtenValue: z.string().nullable(),
  written: z.string(),
  /** Send it back when changing the target; a stale one gets 409. */
  version: z.number().int(),
});
export type TargetView = z.infer<typeof TargetView>;

export const StatusEntryView = z.object({
  asAt: z.string(),
  status: NegotiationStatus,
  /** What the entry was: proposal, counter-proposal, comment, agreement, deferral, or a recorded position. */
  kind: NegotiationEntryKind,
  party: NegotiationParty,
  /** The department speaking ("DCSF"), when the party is a department. */
  partyName: z.string().nullable(),
  note: z.string().nullable(),
});
export type StatusEntryView = z.infer<typeof StatusEntryView>;

export const SignUpView = z.object({
  organisation: OrganisationRef,
  role: SignUpRole,
  detail: z.string().nullable(),
});
export type SignUpView = z.infer<typeof SignUpView>;

export const AgreementIndicatorView = z.object({
  id: z.number().int(),
  /** Path-safe key of the code: "NI 47" → "ni-47". */
  key: z.string(),
  code: z.string(),
  title: z.string(),
  titleAsWritten: z.string().nullable(),
  titleStatus: TitleStatus,
  /** Part of the National Indicator Set (marked * in the submission template). */
  nationalIndicatorSet: z.boolean(),
  kind: AgreementIndicatorKind,
  state: AgreementIndicatorState,
  replacedBy: z.string().nullable(),
  replaces: z.string().nullable(),
  replacementReason: z.string().nullable(),
  theme: z.object({ code: z.string(), title: z.string() }),
  outcomeNumber: z.number().int().nullable(),
  polarity: Polarity,
  unit: z.string().nullable(),
  dataSource: z.string().nullable(),
  lpsa2: z.boolean(),
  baselines: z.array(BaselineView),
  baselinePending: PendingBaselineView.nullable(),
  targets: z.array(TargetView),
  targetNote: z.string().nullable(),
  /** Latest entry of the status history (today). */
  status: NegotiationStatus.nullable(),
  statusHistory: z.array(StatusEntryView),
  partners: z.array(SignUpView),
  notes: z.array(z.string()),
  version: z.number().int(),
});
export type AgreementIndicatorView = z.infer<typeof AgreementIndicatorView>;

export const OutcomePartnerView = z.object({
  organisation: OrganisationRef,
  role: OutcomePartnerRole,
  detail: z.string().nullable(),
});
export type OutcomePartnerView = z.infer<typeof OutcomePartnerView>;

export const OutcomeView = z.object({
  number: z.number().int(),
  title: z.string(),
  deleted: z.boolean(),
  deletedNote: z.string().nullable(),
  lpsa2: z.boolean(),
  sip: z.boolean(),
  block: z.object({ code: z.string(), title: z.string() }),
  partners: z.array(OutcomePartnerView),
  indicators: z.array(AgreementIndicatorView),
  notes: z.array(z.string()),
});
export type OutcomeView = z.infer<typeof OutcomeView>;

export const ThemeView = z.object({
  code: z.string(),
  title: z.string(),
  kind: ThemeKind,
  description: z.string().nullable(),
  indicators: z.array(AgreementIndicatorView),
  outcomes: z.array(OutcomeView),
});
export type ThemeView = z.infer<typeof ThemeView>;

export const FreedomView = z.object({
  number: z.number().int(),
  title: z.string(),
  /** null where the document leaves the cell empty. */
  problem: z.string().nullable(),
  freedomSought: z.string(),
  priority: FreedomPriority.nullable(),
  benefitsToCentralGovernment: z.string().nullable(),
  benefitsToPartners: z.string().nullable(),
  benefitsToCommunity: z.string().nullable(),
  scope: FreedomScope,
  outcomes: z.array(z.number().int()),
  block: z.object({ code: z.string(), title: z.string() }).nullable(),
  department: z.string().nullable(),
  status: z.string().nullable(),
  notes: z.array(z.string()),
});
export type FreedomView = z.infer<typeof FreedomView>;

export const AgreementSummaryView = z.object({
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
  shortName: z.string(),
  area: z.object({ code: z.string(), name: z.string() }),
  firstYear: z.string(),
  lastYear: z.string(),
  /** Every financial year the agreement covers, "2008/09", "2009/10", "2010/11". */
  years: z.array(z.string()),
  /** The date its pages and documents are "as at" unless the reader picks one (see dates.ts). */
  defaultAsAt: z.string(),
  status: AgreementStatus,
  revision: z.number().int(),
  predecessor: z.object({ slug: z.string(), name: z.string() }).nullable(),
  successor: z.object({ slug: z.string(), name: z.string() }).nullable(),
  published: z.boolean(),
  structure: AgreementStructure,
  summary: z.string().nullable(),
  indicatorCounts: z.object({
    designated: z.number().int(),
    statutory: z.number().int(),
    primary: z.number().int(),
    secondary: z.number().int(),
    local: z.number().int(),
    omitted: z.number().int(),
  }),
  outcomeCount: z.number().int(),
  freedomCount: z.number().int(),
});
export type AgreementSummaryView = z.infer<typeof AgreementSummaryView>;

export const AgreementDetailView = AgreementSummaryView.extend({
  responsibleAuthority: OrganisationRef,
  governmentOffice: OrganisationRef,
  source: z.string(),
  deadlines: z.array(z.object({ name: z.string(), date: z.string() })),
  themes: z.array(ThemeView),
  version: z.number().int(),
});
export type AgreementDetailView = z.infer<typeof AgreementDetailView>;

/** One page of the agreements the reader may read; `total` counts every match of the filters. */
export const AgreementListView = z.object({
  agreements: z.array(AgreementSummaryView),
  total: z.number().int(),
  page: z.number().int(),
  limit: z.number().int(),
});
export type AgreementListView = z.infer<typeof AgreementListView>;

export const IndicatorListView = z.object({ indicators: z.array(AgreementIndicatorView) });
export type IndicatorListView = z.infer<typeof IndicatorListView>;

/** An agreement indicator with the agreement it belongs to (the indicator page). */
export const AgreementIndicatorPageView = AgreementIndicatorView.extend({
  agreement: z.object({
    slug: z.string(),
    name: z.string(),
    shortName: z.string(),
    years: z.array(z.string()),
    status: AgreementStatus,
    defaultAsAt: z.string(),
  }),
});
export type AgreementIndicatorPageView = z.infer<typeof AgreementIndicatorPageView>;

export const OutcomeListView = z.object({ outcomes: z.array(OutcomeView) });
export const FreedomListView = z.object({ freedoms: z.array(FreedomView) });

export const IndicatorDefinitionView = z.object({
  key: z.string(),
  code: z.string(),
  title: z.string(),
  titleStatus: TitleStatus,
  titleSource: z.string().nullable(),
  source: IndicatorSource,
  unit: z.string().nullable(),
  polarity: Polarity,
  department: z.string().nullable(),
  dataSource: z.string().nullable(),
  components: z.array(z.string()),
  note: z.string().nullable(),
  /** Send it back with a change (managers); a stale one gets 409. */
  version: z.number().int(),
  /** The agreements that commit to it (only those the reader may read). */
  usedIn: z.array(
    z.object({
      agreement: z.string(),
      shortName: z.string(),
      kind: AgreementIndicatorKind,
      state: AgreementIndicatorState,
      /** The code that replaced it in that agreement ("NI 159"), when the agreement records one. */
      replacedBy: z.string().nullable(),
      /** The codes it replaced there ("NI 170"). */
      replaces: z.array(z.string()),
    }),
  ),
});
export type IndicatorDefinitionView = z.infer<typeof IndicatorDefinitionView>;
/** One page of the catalogue as filtered; `total` counts every match, `departments` every department named. */
export const CatalogueView = z.object({
  indicators: z.array(IndicatorDefinitionView),
  total: z.number().int(),
  page: z.number().int(),
  limit: z.number().int(),
  departments: z.array(z.string()),
});
export type CatalogueView = z.infer<typeof CatalogueView>;
/** One page of organisations by name, with how many match in all. */
export const OrganisationListView = z.object({
  organisations: z.array(OrganisationView),
  page: z.number().int(),
  limit: z.number().int(),
  total: z.number().int(),
});
export const AreaListView = z.object({ areas: z.array(AreaView) });

/** The position on target-setting as at a date (seed 000 §7's table); the CLI prints the same JSON. */
export const PositionSummaryView = z.object({
  agreement: z.string(),
  asAt: z.string(),
  agreedWithGovernmentOffice: z.number().int(),
  underDiscussion: z.number().int(),
  afterDeadline: z.number().int(),
  total: z.number().int(),
  statutoryToBeAgreed: z.number().int(),
  notStarted: z.number().int(),
  statutoryAgreed: z.number().int(),
  byIndicator: z.array(z.object({ code: z.string(), kind: AgreementIndicatorKind, status: NegotiationStatus })),
});
export type PositionSummaryView = z.infer<typeof PositionSummaryView>;

// ---------- partner sign-up in bulk and the pre-submission check ----------

/** GET …/sign-up-matrix: organisations × the designated and statutory indicators. */
export const SignUpMatrixView = z.object({
  indicators: z.array(z.object({ key: z.string(), code: z.string(), title: z.string(), kind: AgreementIndicatorKind, theme: z.string(), hasLead: z.boolean() })),
  organisations: z.array(z.object({ slug: z.string(), name: z.string(), statutory: z.boolean(), signUps: z.record(z.string(), SignUpRole) })),
});
export type SignUpMatrixView = z.infer<typeof SignUpMatrixView>;

/** POST …/sign-ups ("sign up to all designated targets"). */
export const SignedUpToAllView = z.object({ signedUp: z.array(z.string()), alreadySignedUp: z.array(z.string()), statutoryDuty: z.string().nullable() });
export type SignedUpToAllView = z.infer<typeof SignedUpToAllView>;

/** DELETE …/sign-ups/:organisation: the supporting sign-ups withdrawn, and the lead ones kept. */
export const WithdrawnFromAllView = z.object({ withdrawn: z.array(z.string()), keptAsLead: z.array(z.string()) });
export type WithdrawnFromAllView = z.infer<typeof WithdrawnFromAllView>;

/** GET …/submission-check: what blocks sign-off; `indicator` (a key) or `outcome` (a number) is what a problem is about. */
export const SubmissionCheckView = z.object({
  agreement: z.string(),
  asAt: z.string(),
  ready: z.boolean(),
  problems: z.array(z.object({ subject: z.string(), indicator: z.string().nullable(), outcome: z.number().int().nullable(), rule: z.string(), message: z.string() })),
});
export type SubmissionCheckView = z.infer<typeof SubmissionCheckView>;

// ---------- "my work": where a signed-in person starts ----------

/** Where a piece of work is done, for the web app to link to. */
export const MyWorkLink = z.discriminatedUnion("page", [
  z.object({ page: z.literal("indicator"), key: z.string() }),
  z.object({ page: z.literal("outcome"), number: z.number().int() }),
  z.object({ page: z.literal("district"), code: z.string() }),
  z.object({ page: z.literal("agreement") }),
  z.object({ page: z.literal("sign-ups") }),
  z.object({ page: z.literal("submission") }),
  z.object({ page: z.literal("bulletins") }),
]);
export type MyWorkLink = z.infer<typeof MyWorkLink>;

export const MyWorkItem = z.object({ text: z.string(), link: MyWorkLink });
export type MyWorkItem = z.infer<typeof MyWorkItem>;

/** What one of the person's roles asks of them in one agreement, most pressing first. */
export const MyWorkSection = z.object({
  role: Role,
  title: z.string(),
  summary: z.string(),
  items: z.array(MyWorkItem),
});
export type MyWorkSection = z.infer<typeof MyWorkSection>;

export const MyWorkView = z.object({
  asAt: z.string(),
  agreements: z.array(
    z.object({
      slug: z.string(),
      name: z.string(),
      shortName: z.string(),
      status: AgreementStatus,
      deadline: z.object({ name: z.string(), date: z.string(), daysLeft: z.number().int() }).nullable(),
      sections: z.array(MyWorkSection),
    }),
  ),
});
export type MyWorkView = z.infer<typeof MyWorkView>;
