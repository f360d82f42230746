import { queryOptions } from "@tanstack/react-query";
import { AgreementDetailView, AgreementListView } from "@accord/domain";
import { apiGet } from "../../api/client";

/** One page of the agreement list (the API answers 50 to a page). */
export const agreementListQuery = (page = 1) =>
  queryOptions({
    queryKey: ["agreements", "page", page],
    queryFn: ({ signal }) => apiGet(page > 1 ? `/api/agreements?page=${page}` : "/api/agreements", AgreementListView, signal),
  });

/**
 * Every agreement the reader may read, for choosing one or naming one (role grants): the largest
 * page the API gives (200), as the list itself is paged at 50.
 */
export const agreementChoicesQuery = () =>
  queryOptions({
    queryKey: ["agreements", "choices"],
    queryFn: ({ signal }) => apiGet("/api/agreements?limit=200", AgreementListView, signal),
  });

export const agreementQuery = (slug: string) =>
  queryOptions({
    queryKey: ["agreements", slug],
    queryFn: ({ signal }) => apiGet(`/api/agreements/${encodeURIComponent(slug)}`, AgreementDetailView, signal),
  });
