/**
 * The words of the domain, as the seeds use them. Every enum the database, the API, the
 * data files and the web app share lives here so that a status means the same thing everywhere.
 */
import { z } from "zod";

/** Financial year as written in the seeds: "2008/09" (April 2008 – March 2009). */
export const financialYearPattern = /^(\d{4})\/(\d{2})$/;
export const FinancialYear = z
  .string()
  .regex(financialYearPattern, "must be a financial year written like 2008/09")
  .refine((value) => {
    const match = financialYearPattern.exec(value);
    if (!match) return false;
    return (Number(match[1]) + 1) % 100 === Number(match[2]);
  }, "the second part must be the year after the first, e.g. 2008/09");
export type FinancialYear = z.infer<typeof FinancialYear>;

/** ISO calendar date, YYYY-MM-DD, checked to be a real day. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, "is not a real calendar date");
export type IsoDate = z.infer<typeof IsoDate>;

/** Exact decimal kept as text so nothing is lost to floating point (stored as numeric). */
export const Decimal = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, "must be a number written with digits, e.g. 1183 or 67.5");
export type Decimal = z.infer<typeof Decimal>;

export const agreementStatuses = ["draft", "negotiation", "submitted", "approved", "closed"] as const;
export const AgreementStatus = z.enum(agreementStatuses);
export type AgreementStatus = z.infer<typeof AgreementStatus>;

/** KA1 is organised by blocks and numbered outcomes; KA2 by Vision for Kent themes. */
export const agreementStructures = ["outcomes", "themes"] as const;
export const AgreementStructure = z.enum(agreementStructures);
export type AgreementStructure = z.infer<typeof AgreementStructure>;

export const themeKinds = ["theme", "block", "statutory-group"] as const;
export const ThemeKind = z.enum(themeKinds);
export type ThemeKind = z.infer<typeof ThemeKind>;

/**
 * How an indicator sits in an agreement. designated = one of the "up to 35" improvement targets;
 * statutory = the 16 DCSF education and early years targets; primary / secondary = KA1's
 * countywide and roll-out indicators; local = anything the partnership adds itself.
 */
export const agreementIndicatorKinds = ["designated", "statutory", "primary", "secondary", "local"] as const;
export const AgreementIndicatorKind = z.enum(agreementIndicatorKinds);
export type AgreementIndicatorKind = z.infer<typeof AgreementIndicatorKind>;

/** active, or omitted from the agreement (kept with its replacement link, e.g. NI 170 → NI 159). */
export const agreementIndicatorStates = ["active", "omitted"] as const;
export const AgreementIndicatorState = z.enum(agreementIndicatorStates);
export type AgreementIndicatorState = z.infer<typeof AgreementIndicatorState>;

export const polarities = ["higher-is-better", "lower-is-better", "band", "unknown"] as const;
export const Polarity = z.enum(polarities);
export type Polarity = z.infer<typeof Polarity>;

/** Where an indicator definition comes from. */
export const indicatorSources = ["national-indicator-set", "lpsa2", "local"] as const;
export const IndicatorSource = z.enum(indicatorSources);
export type IndicatorSource = z.infer<typeof IndicatorSource>;

/** How sure we are of an indicator's title: from a seed, from the partial list, or not known. */
export const titleStatuses = ["known", "incomplete", "unknown"] as const;
export const TitleStatus = z.enum(titleStatuses);
export type TitleStatus = z.infer<typeof TitleStatus>;

/**
 * Negotiation status of an agreement indicator's baseline and targets (seed 000 §7 and its
 * appendix). under-discussion = agreed between partners and being discussed with the Government
 * Office; deferred = unlikely to be agreed before the submission deadline (waiting for a survey,
 * data or guidance), to be settled at the refresh.
 */
export const negotiationStatuses = [
  "not-started",
  "proposed",
  "under-discussion",
  "counter-proposed",
  "agreed-with-government-office",
  "deferred",
] as const;
export const NegotiationStatus = z.enum(negotiationStatuses);
export type NegotiationStatus = z.infer<typeof NegotiationStatus>;

/** Who speaks in a negotiation. */
export const negotiationParties = ["partnership", "lead-partner", "government-office", "department"] as const;
export const NegotiationParty = z.enum(negotiationParties);
export type NegotiationParty = z.infer<typeof NegotiationParty>;

/** Seed 000 §9: lead (marked *), statutory partner, non-statutory partner. */
export const signUpRoles = ["lead", "statutory", "non-statutory"] as const;
export const SignUpRole = z.enum(signUpRoles);
export type SignUpRole = z.infer<typeof SignUpRole>;

/**
 * Seed 000 §9: what signing up means for a statutory partner. Shared so the web app can say it
 * before someone confirms a sign-up, in the words the server answers with after it.
 */
export const statutoryDutyText =
  "As a statutory partner you now have a duty to have regard to this target in your own business planning and performance management (Local Government and Public Involvement in Health Act 2007).";

/** Seed 003: each outcome has lead partner(s), principal and secondary other partners. */
export const outcomePartnerRoles = ["lead", "principal", "secondary", "government-department"] as const;
export const OutcomePartnerRole = z.enum(outcomePartnerRoles);
export type OutcomePartnerRole = z.infer<typeof OutcomePartnerRole>;

export const organisationKinds = [
  "county-council",
  "district-council",
  "police",
  "police-authority",
  "fire-and-rescue",
  "primary-care-trust",
  "nhs-trust",
  "strategic-health-authority",
  "probation",
  "youth-offending",
  "government-office",
  "government-department",
  "government-agency",
  "learning-and-skills-council",
  "regional-development-agency",
  "jobcentre-plus",
  "partnership",
  "voluntary-community",
  "business",
  "education",
  "group",
  "other",
] as const;
export const OrganisationKind = z.enum(organisationKinds);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

export const areaKinds = ["county", "district", "ward", "lsoa"] as const;
export const AreaKind = z.enum(areaKinds);
export type AreaKind = z.infer<typeof AreaKind>;

export const freedomPriorities = ["essential", "desirable"] as const;
export const FreedomPriority = z.enum(freedomPriorities);
export type FreedomPriority = z.infer<typeof FreedomPriority>;

/** A freedom belongs to named outcomes, to a whole block, or is overarching (seed 003 §4). */
export const freedomScopes = ["outcomes", "block", "overarching"] as const;
export const FreedomScope = z.enum(freedomScopes);
export type FreedomScope = z.infer<typeof FreedomScope>;

/**
 * What a negotiation log entry says (seed 000 §7 and its appendix): a proposal by the partnership,
 * a counter-proposal by the Government Office or a department ("DCSF requesting it set below
 * 4.6%"), a comment, agreement between partners, agreement with the Government Office, deferral
 * to the refresh. "position" is a status as recorded in a document, without the exchange behind it.
 */
export const negotiationEntryKinds = [
  "position",
  "proposal",
  "counter-proposal",
  "comment",
  "agreement-between-partners",
  "agreement-with-government-office",
  "deferral",
] as const;
export const NegotiationEntryKind = z.enum(negotiationEntryKinds);
export type NegotiationEntryKind = z.infer<typeof NegotiationEntryKind>;

/** "1 indicator", "2 indicators" (the web app and the server's sentences count alike). */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * The source every generated demo value carries, and the notice shown wherever one is shown
 * (pages, report cover, exports): the seeds hold no outturns (issue 9 point 9).
 */
export const illustrativeFiguresNotice = "Illustrative figures, not Kent's published results";
