/** The consultation diary: read an agreement's; a manager adds an event and the diary is read again. */
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { ConsultationDiaryView, ConsultationEventView } from "@accord/domain";
import { apiGet, apiPath, apiSend } from "../../api/client";

export const consultationDiaryQuery = (slug: string) =>
  queryOptions({
    queryKey: ["agreements", slug, "consultation-diary"],
    queryFn: ({ signal }) => apiGet(apiPath("agreements", slug, "consultation-diary"), ConsultationDiaryView, signal),
  });

export interface NewConsultationEvent {
  date: string;
  kind: string;
  title: string;
  audience: string | null;
  organisationsInvited: string[];
  /** What was typed, when it is not a whole number, so the server names the field. */
  numberConsulted: number | string | null;
  numberConsultedIsMinimum: boolean;
  outcome: string | null;
  documents: string[];
}

export function useAddConsultationEvent(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewConsultationEvent) => apiSend("POST", apiPath("agreements", slug, "consultation-diary"), body, ConsultationEventView),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ["agreements", slug, "consultation-diary"] });
    },
  });
}
