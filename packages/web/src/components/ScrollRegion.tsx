import type { ReactNode } from "react";

/**
 * A wide table scrolls inside this region instead of pushing the page sideways at 320 px
 * (WCAG 1.4.10). The region is focusable so keyboard users can scroll it, and named so a
 * screen reader says what it holds.
 */
export function ScrollRegion({ label, labelledBy, children }: { label?: string; labelledBy?: string; children: ReactNode }) {
  return (
    <div className="scroll-region" role="region" tabIndex={0} aria-label={labelledBy ? undefined : label} aria-labelledby={labelledBy}>
      {children}
    </div>
  );
}
