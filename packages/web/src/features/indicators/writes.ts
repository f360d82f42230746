/**
 * Changes to an agreement indicator, each one request with the CSRF token (apiSend). After any
 * of them the agreement's answers are read again: the indicator, its history, the agreement
 * page's tables and the position summary all show the change.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { NegotiationEntryKind, SignUpRole, TargetForm } from "@accord/domain";
import { BaselineView, PendingBaselineView } from "@accord/domain";
import { apiPath, apiSend } from "../../api/client";
import { CommentView, NegotiationThreadEntryView, SignedUpView } from "../../api/contracts";

export interface SignUpBody {
  organisation: string;
  role: SignUpRole;
}

export interface ProposedTarget {
  year: string;
  component: string;
  target: TargetForm;
  /** Left out, the wording follows the figures. */
  written?: string;
  /** The version of the year's target read; needed when the year already has one. */
  version?: number;
}

/** A manager's entry copied from a letter or minutes: the document, its date and why it is entered late. */
export interface Transcription {
  from: string;
  /** YYYY-MM-DD: the date of what is transcribed. */
  date: string;
  reason: string;
  /** The department the document speaks for ("DCSF"). */
  department?: string;
}

/**
 * An entry in the negotiation log; the indicator's status follows from its kind. Who speaks and
 * the date are the server's to decide (from the signed-in person and the time), never sent.
 */
export interface NegotiationEntryBody {
  kind: NegotiationEntryKind;
  note?: string;
  /** The targets a proposal or counter-proposal puts forward, or the amended values agreed. */
  proposal?: ProposedTarget[];
  /** What an agreement with the Government Office agrees. */
  basis?: "proposal" | "counter-proposal" | "amended";
  transcription?: Transcription;
}

function useAgreementWrite<Input, Output>(slug: string, write: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["agreements", slug] }),
  });
}

export function useSignUp(slug: string, key: string) {
  return useAgreementWrite(slug, (body: SignUpBody) => apiSend("POST", apiPath("agreements", slug, "indicators", key, "sign-ups"), body, SignedUpView));
}

export function useWithdrawSignUp(slug: string, key: string) {
  return useAgreementWrite(slug, (signUp: SignUpBody) =>
    apiSend("DELETE", apiPath("agreements", slug, "indicators", key, "sign-ups", signUp.organisation, signUp.role), undefined, null),
  );
}

export function useRecordNegotiationEntry(slug: string, key: string) {
  return useAgreementWrite(slug, (body: NegotiationEntryBody) => apiSend("POST", apiPath("agreements", slug, "indicators", key, "negotiation"), body, NegotiationThreadEntryView));
}

export function useAddComment(slug: string, key: string) {
  return useAgreementWrite(slug, (body: { body: string }) => apiSend("POST", apiPath("agreements", slug, "indicators", key, "comments"), body, CommentView));
}

export interface SetBaselineBody {
  component: string;
  /** Exact decimal text, as the server stores it ("1183", "9.6"). */
  value: string;
  unit?: string;
  period?: string;
  source?: string;
  written: string;
  /** The version read; absent only for a component that had no baseline. */
  version?: number;
}

export interface PendingBaselineBody {
  reason: string;
  /** YYYY-MM-DD */
  expectedBy?: string;
  written?: string;
  /** The version read; absent only when no reason was recorded yet. */
  version?: number;
}

export function useSetBaseline(slug: string, key: string) {
  return useAgreementWrite(slug, (body: SetBaselineBody) => apiSend("PUT", apiPath("agreements", slug, "indicators", key, "baselines"), body, BaselineView));
}

export function useSetPendingBaseline(slug: string, key: string) {
  return useAgreementWrite(slug, (body: PendingBaselineBody) => apiSend("PUT", apiPath("agreements", slug, "indicators", key, "baseline-pending"), body, PendingBaselineView));
}
