import { useEffect, useId, useRef, useState, type ReactNode } from "react";

/**
 * A wide table scrolls inside this region instead of pushing the page sideways at 320 px
 * (WCAG 1.4.10). The region is focusable so keyboard users can scroll it, and named so a
 * screen reader says what it holds. When the table is wider than the region, a line above it
 * says so (nothing else shows that columns are hidden off to the side). A tall region also
 * scrolls downwards, so its sticky column headings stay in view.
 */
export function ScrollRegion({ label, labelledBy, tall = false, children }: { label?: string; labelledBy?: string; tall?: boolean; children: ReactNode }) {
  const region = useRef<HTMLDivElement>(null);
  const hintId = useId();
  const [overflows, setOverflows] = useState(false);

  useEffect(() => {
    const element = region.current;
    if (!element) return;
    const measure = () => setOverflows(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    const content = element.firstElementChild;
    if (content) observer.observe(content);
    return () => observer.disconnect();
  }, []);

  return (
    <>
      {overflows ? (
        <p id={hintId} className="scroll-hint small">
          The table is wider than the screen: scroll it sideways to see every column (select it, then use the arrow keys).
        </p>
      ) : null}
      <div
        ref={region}
        className={tall ? "scroll-region scroll-region--tall" : "scroll-region"}
        role="region"
        tabIndex={0}
        aria-label={labelledBy ? undefined : label}
        aria-labelledby={labelledBy}
        aria-describedby={overflows ? hintId : undefined}
      >
        {children}
      </div>
    </>
  );
}
