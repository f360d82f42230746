import { queryOptions } from "@tanstack/react-query";
import { AgreementDetailView, AgreementListView } from "@accord/domain";
import { apiGet } from "../../api/client";

export const agreementListQuery = () =>
  queryOptions({
    queryKey: ["agreements"],
    queryFn: ({ signal }) => apiGet("/api/agreements", AgreementListView, signal),
  });

export const agreementQuery = (slug: string) =>
  queryOptions({
    queryKey: ["agreements", slug],
    queryFn: ({ signal }) => apiGet(`/api/agreements/${encodeURIComponent(slug)}`, AgreementDetailView, signal),
  });
