/**
 * A target typed as it would be written ("40% reduction", "+1356", "Maintain at 42%"), read with
 * parseTargetWording — the rules the server uses — and what it works out at, shown as it is typed.
 * Used by the officer's proposal form and the Government Office's counter-proposal.
 */
import { DomainError, describeTarget, isWorseThanBaseline, parseTargetWording, targetValue, type AgreementIndicatorPageView, type TargetForm } from "@accord/domain";
import { polarityWords } from "../../words";

export type ReadWording = { target: TargetForm } | { message: string } | null;

/** null for an empty box; a message when the wording cannot be read. */
export function readWording(wording: string): ReadWording {
  if (wording.trim() === "") return null;
  const parsed = parseTargetWording(wording);
  return parsed instanceof DomainError ? { message: parsed.message } : { target: parsed.target };
}

function safeValue(...args: Parameters<typeof targetValue>): string | null {
  try {
    return targetValue(...args);
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}

/** "709.8 is worse than the baseline of 1183, and for NI 47 lower is better…", or null when it is not worse. */
export function worseThanBaseline(indicator: AgreementIndicatorPageView, component: string, value: string | null): string | null {
  const baseline = indicator.baselines.find((candidate) => candidate.component === component)?.value ?? null;
  if (value === null || baseline === null || !isWorseThanBaseline(indicator.polarity, baseline, value)) return null;
  return `${value} is worse than the baseline of ${baseline}, and for ${indicator.code} ${polarityWords[indicator.polarity].toLowerCase()}. It can still be proposed, but check it is what the partnership means.`;
}

/** What the target works out at for a year and component, from the baseline and the year before. */
export function workedOut(indicator: AgreementIndicatorPageView, target: TargetForm, year: string, component: string, previousValue?: string | null): string | null {
  const baseline = indicator.baselines.find((candidate) => candidate.component === component)?.value ?? null;
  const previous =
    previousValue ??
    indicator.targets
      .filter((existing) => existing.component === component && existing.year < year)
      .sort((a, b) => a.year.localeCompare(b.year))
      .at(-1)?.value ??
    null;
  return safeValue({ target, baseline, previousCumulative: previous });
}

/** “Reads as “40% reduction”, which works out at 709.8.” — announced politely as it changes. */
export function WordingPreview({ read, value, showProblem = false, worse = null }: { read: ReadWording; value: string | null; showProblem?: boolean; worse?: string | null }) {
  return (
    <div className="target-preview" aria-live="polite" aria-atomic="true">
      {read && "target" in read ? (
        <p>
          Reads as “{describeTarget(read.target)}”
          {value !== null ? (
            <>
              , which works out at <strong>{value}</strong>
            </>
          ) : (
            ", which cannot be worked out until the baseline is known"
          )}
          .
        </p>
      ) : read && showProblem ? (
        <p>{read.message}</p>
      ) : null}
      {worse ? (
        <p className="warning-text">
          <strong>Worse than the baseline:</strong> {worse}
        </p>
      ) : null}
    </div>
  );
}
