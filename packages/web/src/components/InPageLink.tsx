import type { MouseEvent, ReactNode } from "react";

/**
 * A link to a place on the same page (a theme, a freedom) that also moves keyboard focus there,
 * to the target's heading (give it tabIndex={-1}), so the next Tab continues from it.
 */
export function InPageLink({ targetId, children }: { targetId: string; children: ReactNode }) {
  function jump(event: MouseEvent<HTMLAnchorElement>) {
    const target = document.getElementById(targetId);
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  }
  return (
    <a href={`#${targetId}`} onClick={jump}>
      {children}
    </a>
  );
}
