/** What a negotiation log entry carries. */
import { z } from "zod";
import { Decimal, FinancialYear, IsoDate, NegotiationEntryKind, NegotiationParty, NegotiationStatus, TargetForm } from "@accord/domain";

const Version = z.number({ error: "must be the version number you read" }).int("must be a whole number").positive("must be 1 or more");

export const ProposedTarget = z
  .object({
    year: FinancialYear,
    component: z.string().trim().min(1).max(40).default("all"),
    target: TargetForm,
    /** Left out, the wording follows the figures ("50% reduction"). */
    written: z.string().trim().min(1, "must not be empty").max(500, "must be at most 500 characters").optional(),
    /** The figure printed beside a change ("592" beside 591.5), when it differs from the worked-out one. */
    writtenValue: Decimal.optional(),
    /** The version of that year's target you read; needed when the year already has a target. */
    version: Version.optional(),
  })
  .strict();

/** Who speaks and when come from the session: a body naming them is refused, naming the field. */
const fromYourRole = z.never({ error: "cannot be sent: who speaks comes from your role" }).optional();
const fromTheClock = z
  .never({ error: "cannot be sent: an entry is dated when it is recorded (a manager gives a document's date in transcription.date)" })
  .optional();

/** A manager copying an entry from a letter or minutes: its date, the document and why it is entered late. */
export const Transcription = z
  .object({
    from: z.string().trim().min(1, "must name the document, such as “GOSE letter of 9 May 2008”").max(300, "must be at most 300 characters"),
    date: IsoDate,
    reason: z.string().trim().min(1, "must say why the entry is recorded from a document").max(1000, "must be at most 1000 characters"),
    /** The department the document speaks for ("DCSF"); left out, a government entry is the Government Office's. */
    department: z.string().trim().min(1).max(100, "must be at most 100 characters").optional(),
  })
  .strict();

export const AgreementBasis = z.enum(["proposal", "counter-proposal", "amended"]);

export const NegotiationEntryBody = z
  .object({
    kind: NegotiationEntryKind,
    party: fromYourRole,
    partyName: fromYourRole,
    asAt: fromTheClock,
    date: fromTheClock,
    note: z.string().trim().max(2000, "must be at most 2000 characters").optional(),
    /** The targets of a proposal or counter-proposal, or the amended values an agreement settles on. */
    proposal: z.array(ProposedTarget).max(30).optional(),
    /** What an agreement with the Government Office agrees: the latest proposal, counter-proposal, or amended values. */
    basis: AgreementBasis.optional(),
    transcription: Transcription.optional(),
  })
  .strict();

export const ProposedTargetView = z.object({
  year: z.string(),
  component: z.string(),
  target: TargetForm.optional(),
  written: z.string(),
  /** The target's version when the entry was recorded: an agreement checks it has not changed since. */
  targetVersion: z.number().int().nullable().optional(),
});

export const NegotiationEntryView = z.object({
  asAt: z.string(),
  kind: z.string(),
  party: NegotiationParty,
  partyName: z.string().nullable(),
  note: z.string().nullable(),
  proposal: z.array(ProposedTargetView).nullable(),
  basis: AgreementBasis.nullable(),
  status: NegotiationStatus,
  recordedBy: z.string().nullable().optional(),
  /** When it was recorded (server time); null for statuses loaded from the agreement's documents. */
  recordedAt: z.string().nullable(),
  transcribedFrom: z.string().nullable(),
  transcriptionReason: z.string().nullable(),
});
