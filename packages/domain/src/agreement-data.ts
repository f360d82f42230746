/**
 * The shape of the readable data files in the repository's data/ folder (YAML): the NI
 * catalogue, organisations, areas and each agreement transcribed from the seeds. The loader
 * parses every file with these schemas before it writes anything.
 */
import { z } from "zod";
import {
  AgreementIndicatorKind,
  AgreementIndicatorState,
  AgreementStatus,
  AgreementStructure,
  AreaKind,
  Decimal,
  FinancialYear,
  FreedomPriority,
  FreedomScope,
  IndicatorSource,
  IsoDate,
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

const text = z.string().trim().min(1);

// ---------- catalogue ----------

export const IndicatorDefinitionRecord = z
  .object({
    /** "NI 47", or a local code such as "KA1 9.1". */
    code: text,
    title: text,
    titleStatus: TitleStatus.default("known"),
    /** Where the title came from: "seed 000", "seed 003", "ni-partial.csv: <page>". */
    titleSource: text.optional(),
    source: IndicatorSource,
    unit: text.optional(),
    polarity: Polarity.default("unknown"),
    department: text.optional(),
    dataSource: text.optional(),
    frequency: text.optional(),
    /** e.g. [male, female, all-persons] for NI 120; [primary, secondary] for NI 198. */
    components: z.array(text).default(["all"]),
    note: text.optional(),
  })
  .strict();
export type IndicatorDefinitionRecord = z.infer<typeof IndicatorDefinitionRecord>;

export const CatalogueFile = z.object({ indicators: z.array(IndicatorDefinitionRecord) }).strict();

// ---------- organisations and areas ----------

export const OrganisationRecord = z
  .object({
    slug: z.string().regex(/^[a-z0-9-]+$/, "must be lower-case letters, digits and hyphens"),
    name: text,
    kind: OrganisationKind,
    /** Named in the Local Government and Public Involvement in Health Act 2007 (seed 000 §9). */
    statutory: z.boolean(),
    statutoryBasis: text.optional(),
    /** Other spellings in the seeds ("Kent Probation" = "Kent Probation Service" = "KPS"). */
    aliases: z.array(text).default([]),
    /** ONS code of the area it serves, when it is a district body. */
    area: text.optional(),
    note: text.optional(),
  })
  .strict();
export type OrganisationRecord = z.infer<typeof OrganisationRecord>;

export const OrganisationsFile = z.object({ organisations: z.array(OrganisationRecord) }).strict();

export const AreaRecord = z
  .object({
    /** Current ONS (GSS) code, e.g. E10000016 for Kent. */
    code: text,
    /** The ONS code in use in 2005–2011, e.g. 29UN for Thanet. */
    legacyCode: text.optional(),
    name: text,
    kind: AreaKind,
    parent: text.optional(),
    /** The Local Strategic Partnership covering this district. */
    lsp: text.optional(),
    note: text.optional(),
  })
  .strict();
export type AreaRecord = z.infer<typeof AreaRecord>;

export const AreasFile = z.object({ areas: z.array(AreaRecord) }).strict();

// ---------- agreements ----------

/** A partner named against an indicator; `organisation` is a name or alias from organisations.yaml. */
export const SignUpRecord = z
  .object({
    organisation: text,
    role: SignUpRole,
    /** The part of the organisation or the qualification written in the seed: "Youth Service", "to be named". */
    detail: text.optional(),
  })
  .strict();

export const BaselineValueRecord = z
  .object({
    component: text.default("all"),
    value: Decimal,
    unit: text.optional(),
    /** Reference period as written: "2005/06", "to Dec 2007". */
    period: text.optional(),
    source: text.optional(),
    /** The baseline cell as the seed wrote it. */
    written: text,
  })
  .strict();

export const PendingBaselineRecord = z
  .object({
    reason: text,
    /** When the baseline is expected ("Sept 08" → 2008-09-30), if the seed says. */
    expectedBy: IsoDate.optional(),
    written: text,
  })
  .strict();

export const TargetRecord = z
  .object({
    year: FinancialYear,
    component: text.default("all"),
    target: TargetForm,
    /** The number the seed printed, where it differs from the computed one (592 for 591.5). */
    writtenValue: Decimal.optional(),
    written: text,
  })
  .strict();

export const NegotiationEntryRecord = z
  .object({
    asAt: IsoDate,
    status: NegotiationStatus,
    party: NegotiationParty,
    note: text.optional(),
  })
  .strict();

export const AgreementIndicatorRecord = z
  .object({
    /** Catalogue code, "NI 47". */
    indicator: text,
    kind: AgreementIndicatorKind,
    state: AgreementIndicatorState.default("active"),
    /** For an omitted indicator: the code that replaces it, and why. */
    replacedBy: text.optional(),
    replacementReason: text.optional(),
    /** Title as the agreement words it, when it differs from the catalogue. */
    titleAsWritten: text.optional(),
    dataSource: text.optional(),
    lpsa2: z.boolean().default(false),
    baselines: z.array(BaselineValueRecord).default([]),
    baselinePending: PendingBaselineRecord.optional(),
    targets: z.array(TargetRecord).default([]),
    /** Text in the target column that is not a yearly figure ("Unable to set until baseline established"). */
    targetNote: text.optional(),
    negotiation: z.array(NegotiationEntryRecord).default([]),
    partners: z.array(SignUpRecord).default([]),
    notes: z.array(text).default([]),
  })
  .strict();
export type AgreementIndicatorRecord = z.infer<typeof AgreementIndicatorRecord>;

export const OutcomePartnerRecord = z
  .object({ organisation: text, role: OutcomePartnerRole, detail: text.optional() })
  .strict();

export const OutcomeRecord = z
  .object({
    number: z.number().int().positive(),
    title: text,
    deleted: z.boolean().default(false),
    deletedNote: text.optional(),
    lpsa2: z.boolean().default(false),
    sip: z.boolean().default(false),
    partners: z.array(OutcomePartnerRecord).default([]),
    indicators: z.array(AgreementIndicatorRecord).default([]),
    notes: z.array(text).default([]),
  })
  .strict();

export const ThemeRecord = z
  .object({
    code: z.string().regex(/^[a-z0-9-]+$/),
    title: text,
    kind: ThemeKind,
    description: text.optional(),
    indicators: z.array(AgreementIndicatorRecord).default([]),
    outcomes: z.array(OutcomeRecord).default([]),
  })
  .strict();

export const FreedomRecord = z
  .object({
    number: z.number().int().positive(),
    title: text,
    /** Absent where the document leaves the cell empty (KA1 outcome 16's strategic partnership). */
    problem: text.optional(),
    freedomSought: text,
    priority: FreedomPriority.optional(),
    benefitsToCentralGovernment: text.optional(),
    benefitsToPartners: text.optional(),
    benefitsToCommunity: text.optional(),
    scope: FreedomScope,
    /** Outcome numbers the freedom serves (scope "outcomes"). */
    outcomes: z.array(z.number().int().positive()).default([]),
    /** Block (theme code) the freedom belongs to (scope "block", or the block it is listed under). */
    block: text.optional(),
    department: text.optional(),
    status: text.optional(),
    notes: z.array(text).default([]),
  })
  .strict();
export type FreedomRecord = z.infer<typeof FreedomRecord>;

export const DeadlineRecord = z.object({ name: text, date: IsoDate }).strict();

export const AgreementFile = z
  .object({
    slug: z.string().regex(/^[a-z0-9-]+$/),
    name: text,
    shortName: text,
    area: text,
    responsibleAuthority: text,
    governmentOffice: text,
    firstYear: FinancialYear,
    lastYear: FinancialYear,
    status: AgreementStatus,
    revision: z.number().int().positive(),
    predecessor: text.optional(),
    published: z.boolean(),
    structure: AgreementStructure,
    summary: text.optional(),
    source: text,
    deadlines: z.array(DeadlineRecord).default([]),
    themes: z.array(ThemeRecord),
    freedoms: z.array(FreedomRecord).default([]),
  })
  .strict();
export type AgreementFile = z.infer<typeof AgreementFile>;
