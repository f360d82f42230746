import { useEffect } from "react";

/** Every page names itself in the browser tab and history ("NI 47 — Kent Agreement 2 — Accord"). */
export function useDocumentTitle(...parts: (string | undefined | null)[]) {
  const title = [...parts.filter((part): part is string => Boolean(part)), "Accord"].join(" — ");
  useEffect(() => {
    document.title = title;
  }, [title]);
}
