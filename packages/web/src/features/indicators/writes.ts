/**
 * Changes to an agreement indicator, each one request with the CSRF token (apiSend). After any
 * of them the agreement's answers are read again: the indicator, its history, the agreement
 * page's tables and the position summary all show the change.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { NegotiationEntryKind, NegotiationParty, SignUpRole, TargetForm } from "@accord/domain";
import { BaselineView, PendingBaselineView } from "@accord/domain";
import { apiPath, apiSend } from "../../api/client";
import { CommentView, NegotiationEntryView, SavedTargetView, SignedUpView } from "../../api/contracts";

export interface SetTargetBody {
  year: string;
  component: string;
  target: TargetForm;
  written: string;
  writtenValue?: string;
  /** The version read; absent only for a year that had no target. */
  version?: number;
}

export interface SignUpBody {
  organisation: string;
  role: SignUpRole;
}

export interface ProposedTarget {
  year: string;
  component: string;
  target: TargetForm;
  written: string;
}

/** An entry in the negotiation log; the indicator's status follows from its kind. */
export interface NegotiationEntryBody {
  kind: NegotiationEntryKind;
  party: NegotiationParty;
  /** The department speaking ("DCSF"), when the party is a department. */
  partyName?: string;
  asAt?: string;
  note?: string;
  /** The targets a proposal or counter-proposal puts forward. */
  proposal?: ProposedTarget[];
}

function useAgreementWrite<Input, Output>(slug: string, write: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["agreements", slug] }),
  });
}

export function useSetTarget(slug: string, key: string) {
  return useAgreementWrite(slug, (body: SetTargetBody) => apiSend("PUT", apiPath("agreements", slug, "indicators", key, "targets"), body, SavedTargetView));
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
  return useAgreementWrite(slug, (body: NegotiationEntryBody) => apiSend("POST", apiPath("agreements", slug, "indicators", key, "negotiation"), body, NegotiationEntryView));
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
}

export function useSetBaseline(slug: string, key: string) {
  return useAgreementWrite(slug, (body: SetBaselineBody) => apiSend("PUT", apiPath("agreements", slug, "indicators", key, "baselines"), body, BaselineView));
}

export function useSetPendingBaseline(slug: string, key: string) {
  return useAgreementWrite(slug, (body: PendingBaselineBody) => apiSend("PUT", apiPath("agreements", slug, "indicators", key, "baseline-pending"), body, PendingBaselineView));
}
