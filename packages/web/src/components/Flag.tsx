/** A small label such as "LPSA2", "SIP", "Essential": dark text on a light tint, contrast above 7:1. */
export type FlagTone = "blue" | "green" | "amber" | "grey" | "red";

export function Flag({ children, tone = "blue", title }: { children: string; tone?: FlagTone; title?: string }) {
  return (
    <span className={`flag flag--${tone}`} title={title}>
      {children}
    </span>
  );
}
