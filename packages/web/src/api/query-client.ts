import { MutationCache, QueryClient } from "@tanstack/react-query";
import { ApiRequestError } from "./client";

export const sessionKey = ["session"] as const;

export const queryClient: QueryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 60_000,
      // A 400 or 404 will not change on a retry; a dropped connection might.
      retry: (failureCount, error) => !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500) && failureCount < 2,
      refetchOnWindowFocus: false,
    },
  },
  mutationCache: new MutationCache({
    // A write refused with 401 means the session ended (expired, or signed out in another tab):
    // read it again so the header and the page stop offering what needs signing in.
    onError: (error) => {
      if (error instanceof ApiRequestError && error.status === 401) void queryClient.invalidateQueries({ queryKey: sessionKey });
    },
  }),
});
