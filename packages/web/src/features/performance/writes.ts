/**
 * A return's writes: values (county and districts), the text update, submitting, and the
 * manager's decision. Each sends the version read, so a change someone made meanwhile comes
 * back as 409 with the return as it now stands. After any of them the monitoring answers are
 * read again (the round page, the dashboard, the indicator's chart).
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPath, apiSend } from "../../api/client";
import { ObservationView, ReturnView, RoundView, type PerformanceStatus } from "@accord/domain";

export interface SaveReturnBody {
  progress?: string;
  issuesAndRisks?: string;
  nextActions?: string;
  selfAssessedStatus?: PerformanceStatus | null;
  version?: number;
}

export interface RecordValueBody {
  period: string;
  area: string;
  component: string;
  value: string;
  numerator?: string;
  denominator?: string;
  version?: number;
}

function useRefresh(slug: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["agreements", slug, "rounds"] }),
      queryClient.invalidateQueries({ queryKey: ["agreements", slug, "performance"] }),
      queryClient.invalidateQueries({ queryKey: ["agreements", slug, "indicators", "one"] }),
    ]);
}

export function useSaveReturn(slug: string, round: string, key: string) {
  const refresh = useRefresh(slug);
  return useMutation({
    mutationFn: (body: SaveReturnBody) => apiSend("PUT", apiPath("agreements", slug, "rounds", round, "returns", key), body, ReturnView),
    onSettled: refresh,
  });
}

export function useRecordValue(slug: string, key: string) {
  const refresh = useRefresh(slug);
  return useMutation({
    mutationFn: (body: RecordValueBody) => apiSend("POST", apiPath("agreements", slug, "indicators", key, "observations"), body, ObservationView),
    onSettled: refresh,
  });
}

export type ReturnMove = "submit" | "accept" | "return";

export function useMoveReturn(slug: string, round: string, key: string) {
  const refresh = useRefresh(slug);
  return useMutation({
    mutationFn: ({ move, version, comment }: { move: ReturnMove; version: number | null; comment?: string }) =>
      apiSend(
        "POST",
        apiPath("agreements", slug, "rounds", round, "returns", key, move),
        { ...(version !== null ? { version } : {}), ...(comment !== undefined && comment !== "" ? { comment } : {}) },
        ReturnView,
      ),
    onSettled: refresh,
  });
}

export function useSubmitDistrict(slug: string, round: string, key: string) {
  const refresh = useRefresh(slug);
  return useMutation({
    mutationFn: (area: string) => apiSend("POST", apiPath("agreements", slug, "rounds", round, "returns", key, "districts", area, "submit"), {}, ReturnView),
    onSettled: refresh,
  });
}

export interface OpenRoundBody {
  period: string;
  dueDate?: string;
}

/** A manager opens the round for a period; every indicator in scope then has a return to give. */
export function useOpenRound(slug: string) {
  const refresh = useRefresh(slug);
  return useMutation({
    mutationFn: (body: OpenRoundBody) => apiSend("POST", apiPath("agreements", slug, "rounds"), body, RoundView),
    onSettled: refresh,
  });
}

export type RoundMove = "close" | "publish";

/** Closing (no return or value changes after) and publishing (anyone may read it): neither can be undone. */
export function useMoveRound(slug: string, round: string) {
  const refresh = useRefresh(slug);
  return useMutation({
    mutationFn: ({ move, version }: { move: RoundMove; version: number }) =>
      apiSend("POST", apiPath("agreements", slug, "rounds", round, move), { version }, RoundView),
    onSettled: refresh,
  });
}
