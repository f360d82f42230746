/**
 * The May 2008 workflow's reads and writes: an indicator's negotiation thread, what is still open
 * against the deadline, the sign-up matrix, the pre-submission check and the bulletins. Every
 * query key starts with ["agreements", slug], so any change to the agreement reads them again.
 */
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { apiGet, apiPath, apiSend, queryString } from "../../api/client";
import {
  BulletinListView,
  BulletinView,
  DeliveryListView,
  DistributionListView,
  ResentView,
  NegotiationOverviewView,
  NegotiationThreadView,
  SignedUpToAllView,
  SignUpMatrixView,
  SubmissionCheckView,
  SubmittedView,
  WithdrawnFromAllView,
  MyWorkView,
} from "../../api/contracts";

export const negotiationThreadQuery = (slug: string, key: string) =>
  queryOptions({
    queryKey: ["agreements", slug, "indicators", "one", key, "negotiation"],
    queryFn: ({ signal }) => apiGet(apiPath("agreements", slug, "indicators", key, "negotiation"), NegotiationThreadView, signal),
  });

export const negotiationOverviewQuery = (slug: string) =>
  queryOptions({
    queryKey: ["agreements", slug, "negotiation"],
    queryFn: ({ signal }) => apiGet(apiPath("agreements", slug, "negotiation"), NegotiationOverviewView, signal),
  });

export const signUpMatrixQuery = (slug: string) =>
  queryOptions({
    queryKey: ["agreements", slug, "sign-up-matrix"],
    queryFn: ({ signal }) => apiGet(apiPath("agreements", slug, "sign-up-matrix"), SignUpMatrixView, signal),
  });

export const submissionCheckQuery = (slug: string, asAt?: string) =>
  queryOptions({
    queryKey: ["agreements", slug, "submission-check", asAt ?? "today"],
    queryFn: ({ signal }) => apiGet(`${apiPath("agreements", slug, "submission-check")}${queryString({ asAt })}`, SubmissionCheckView, signal),
  });

/** Bulletins need a role in the agreement; keyed by the reader. */
export const bulletinListQuery = (slug: string, userId: number) =>
  queryOptions({
    queryKey: ["agreements", slug, "bulletins", userId, "list"],
    queryFn: ({ signal }) => apiGet(apiPath("agreements", slug, "bulletins"), BulletinListView, signal),
  });

export const bulletinDraftQuery = (slug: string, userId: number) =>
  queryOptions({
    queryKey: ["agreements", slug, "bulletins", userId, "draft"],
    queryFn: ({ signal }) => apiGet(apiPath("agreements", slug, "bulletins", "draft"), BulletinView, signal),
  });

export const bulletinQuery = (slug: string, userId: number, number: number) =>
  queryOptions({
    queryKey: ["agreements", slug, "bulletins", userId, "issued", number],
    queryFn: ({ signal }) => apiGet(apiPath("agreements", slug, "bulletins", number), BulletinView, signal),
  });

/** Where an issued bulletin was e-mailed (managers). */
export const bulletinDeliveriesQuery = (slug: string, userId: number, number: number) =>
  queryOptions({
    queryKey: ["agreements", slug, "bulletins", userId, "issued", number, "deliveries"],
    queryFn: ({ signal }) => apiGet(apiPath("agreements", slug, "bulletins", number, "deliveries"), DeliveryListView, signal),
  });

export const distributionListQuery = (slug: string, userId: number) =>
  queryOptions({
    queryKey: ["agreements", slug, "distribution-list", userId],
    queryFn: ({ signal }) => apiGet(apiPath("agreements", slug, "distribution-list"), DistributionListView, signal),
  });

function useAgreementWrite<Input, Output>(slug: string, write: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["agreements", slug] }),
  });
}

export function useSignUpToAll(slug: string) {
  return useAgreementWrite(slug, (body: { organisation: string; role: "statutory" | "non-statutory" }) =>
    apiSend("POST", apiPath("agreements", slug, "sign-ups"), body, SignedUpToAllView),
  );
}

/** The undo of "sign up to all": supporting sign-ups to every designated target are withdrawn. */
export function useWithdrawFromAll(slug: string) {
  return useAgreementWrite(slug, (organisation: string) => apiSend("DELETE", apiPath("agreements", slug, "sign-ups", organisation), undefined, WithdrawnFromAllView));
}

/** Where a signed-in person starts; keyed by the reader, and read again after any change. */
export const myWorkQuery = (userId: number) =>
  queryOptions({
    queryKey: ["my-work", userId],
    queryFn: ({ signal }) => apiGet(apiPath("my-work"), MyWorkView, signal),
    staleTime: 0,
  });

export function useSubmitAgreement(slug: string) {
  return useAgreementWrite(slug, (body: { version: number }) => apiSend("POST", apiPath("agreements", slug, "submission"), body, SubmittedView));
}

export function useIssueBulletin(slug: string) {
  return useAgreementWrite(slug, () => apiSend("POST", apiPath("agreements", slug, "bulletins"), {}, BulletinView));
}

/** Where a submission template file is downloaded from. */
export function submissionFileUrl(slug: string, format: "docx" | "xlsx" | "csv" | "pdf" | "html", asAt?: string): string {
  return `${apiPath("agreements", slug, "submission")}${queryString({ format, asAt })}`;
}

export function useResendBulletin(slug: string) {
  return useAgreementWrite(slug, (number: number) => apiSend("POST", apiPath("agreements", slug, "bulletins", number, "deliveries", "resend"), {}, ResentView));
}

export function useAddToDistribution(slug: string) {
  return useAgreementWrite(slug, (body: { email: string; name?: string }) => apiSend("POST", apiPath("agreements", slug, "distribution-list"), body, DistributionListView));
}

export function useRemoveFromDistribution(slug: string) {
  return useAgreementWrite(slug, (email: string) => apiSend("DELETE", apiPath("agreements", slug, "distribution-list", email), undefined, DistributionListView));
}
