/**
 * The accountable officer's form for a year's target: the form the target takes (a figure, a
 * change from the baseline, an increment, a level, "maintain at"), its figures, and the wording.
 * What it works out at is previewed as they type, with the same domain rules the server uses,
 * and a target worse than the baseline is pointed out. The version read is sent back, so a
 * change someone else saved meanwhile is shown rather than overwritten.
 */
import { useState, type FormEvent } from "react";
import { Button, NativeSelect, TextInput, Title } from "@mantine/core";
import {
  describeTarget,
  isWorseThanBaseline,
  parseTargetWording,
  targetValue,
  DomainError,
  type AgreementIndicatorPageView,
  type TargetForm,
  type TargetView,
} from "@accord/domain";
import { staleVersion } from "../../api/client";
import { SavedTargetView } from "../../api/contracts";
import { ErrorSummary, problemsFromChecks, problemsFromError, useFields, type Problems } from "../../components/FormProblems";
import { componentWords, polarityWords } from "../../words";
import { useSetTarget } from "./writes";
import { EditableItem } from "../../components/EditableItem";

type FormName = TargetForm["form"];

const formLabels: Record<FormName, string> = {
  absolute: "A figure (such as 592 or 9.6%)",
  relative: "A change from the baseline (such as a 50% reduction)",
  cumulative: "An increment on the year before (such as +1356)",
  level: "A level (such as Level 3)",
  maintain: "Maintain at a figure (such as 42%)",
};

interface Draft {
  form: FormName;
  /** absolute and maintain */
  figure: string;
  direction: "reduction" | "increase";
  change: string;
  changeUnit: "percent" | "points";
  increment: string;
  level: string;
}

const emptyDraft: Draft = { form: "absolute", figure: "", direction: "reduction", change: "", changeUnit: "percent", increment: "", level: "" };

function draftFrom(target: TargetForm | undefined): Draft {
  if (!target) return emptyDraft;
  switch (target.form) {
    case "absolute":
      return { ...emptyDraft, form: "absolute", figure: target.value };
    case "maintain":
      return { ...emptyDraft, form: "maintain", figure: target.value };
    case "relative":
      return { ...emptyDraft, form: "relative", direction: target.direction, change: target.change, changeUnit: target.changeUnit };
    case "cumulative":
      return { ...emptyDraft, form: "cumulative", increment: target.increment.startsWith("-") ? target.increment : `+${target.increment}` };
    case "level":
      return { ...emptyDraft, form: "level", level: target.level };
  }
}

/** "1,183", "+1356", "−20" → "1183", "1356", "-20"; null when it is not a number. */
function readNumber(text: string, signed: boolean): string | null {
  let number = text.trim().replace(/,/g, "").replace(/^[\u2212\u2013]/, "-");
  if (signed && number.startsWith("+")) number = number.slice(1).trim();
  if (!signed && number.endsWith("%")) number = number.slice(0, -1).trim();
  return /^-?\d+(\.\d+)?$/.test(number) ? number : null;
}

/** The field a draft's figure is typed in, for each form. */
const figureField: Record<FormName, "figure" | "change" | "increment" | "level"> = {
  absolute: "figure",
  maintain: "figure",
  relative: "change",
  cumulative: "increment",
  level: "level",
};

type Built = { target: TargetForm } | { empty: true; field: string } | { field: string; message: string };

function buildTarget(draft: Draft): Built {
  const field = figureField[draft.form];
  const typed = draft[field];
  if (typed.trim() === "") return { empty: true, field };
  const number = readNumber(typed, draft.form === "cumulative");
  if (number === null) {
    return { field, message: `“${typed.trim()}” is not a number: write it with digits, such as 592 or 9.6${draft.form === "cumulative" ? " (a + or − in front is fine)" : ""}.` };
  }
  switch (draft.form) {
    case "absolute":
      return { target: { form: "absolute", value: number } };
    case "maintain":
      return { target: { form: "maintain", value: number } };
    case "relative":
      if (number.startsWith("-")) return { field, message: "Write the change without a sign and choose reduction or increase." };
      return { target: { form: "relative", direction: draft.direction, change: number, changeUnit: draft.changeUnit } };
    case "cumulative":
      return { target: { form: "cumulative", increment: number } };
    case "level":
      return { target: { form: "level", level: number } };
  }
}

function sameTarget(a: TargetForm, b: TargetForm): boolean {
  return a.form === b.form && describeTarget(a) === describeTarget(b);
}

function safeTargetValue(...args: Parameters<typeof targetValue>): string | null {
  try {
    return targetValue(...args);
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}

interface YearSlot {
  year: string;
  component: string;
  existing: TargetView | undefined;
}

/** What the target would work out at, and whether it is worse than the baseline. */
function previewOf(indicator: AgreementIndicatorPageView, slot: YearSlot, built: Built) {
  const baseline = indicator.baselines.find((candidate) => candidate.component === slot.component)?.value ?? null;
  const previous =
    indicator.targets
      .filter((target) => target.component === slot.component && target.year < slot.year)
      .sort((a, b) => a.year.localeCompare(b.year))
      .at(-1)?.value ?? null;
  const value = "target" in built ? safeTargetValue({ target: built.target, baseline, previousCumulative: previous }) : null;
  const worse = value !== null && baseline !== null && isWorseThanBaseline(indicator.polarity, baseline, value);
  return { baseline, value, worse };
}

type WordingMode = "original" | "follows" | "typed";

function TargetYearForm({
  indicator,
  slot,
  label,
  onSaved,
  onCancel,
}: {
  indicator: AgreementIndicatorPageView;
  slot: YearSlot;
  label: string;
  onSaved: (saved: SavedTargetView) => void;
  onCancel: () => void;
}) {
  const slug = indicator.agreement.slug;
  const setTarget = useSetTarget(slug, indicator.key);
  const [draft, setDraft] = useState<Draft>(() => draftFrom(slot.existing?.target));
  const [written, setWritten] = useState(slot.existing?.written ?? "");
  const [wordingMode, setWordingMode] = useState<WordingMode>(slot.existing ? "original" : "follows");
  const [version, setVersion] = useState<number | undefined>(slot.existing?.version);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [conflict, setConflict] = useState<SavedTargetView | "unknown" | null>(null);
  const figureLabel = draft.form === "maintain" ? "Figure to maintain" : draft.form === "relative" ? "Change" : draft.form === "cumulative" ? "Increment on the year before" : draft.form === "level" ? "Level" : "Target figure";
  const fields = useFields({
    form: "Form of the target",
    figure: figureLabel,
    change: "Change",
    increment: "Increment on the year before",
    level: "Level",
    direction: "Reduction or increase",
    changeUnit: "Change measured in",
    written: "Target as written",
    target: figureLabel,
  });

  const built = buildTarget(draft);
  const preview = previewOf(indicator, slot, built);
  const shownWritten = wordingMode === "follows" ? ("target" in built ? describeTarget(built.target) : written) : written;
  const wording = wordingMode === "typed" && shownWritten.trim() !== "" ? parseTargetWording(shownWritten) : null;
  const wordingDisagrees = wording !== null && !(wording instanceof DomainError) && "target" in built && !sameTarget(wording.target, built.target);

  function change(next: Partial<Draft>) {
    setDraft((previous) => ({ ...previous, ...next }));
    if (wordingMode === "original") setWordingMode("follows");
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const figure = figureField[draft.form];
    const found = problemsFromChecks(
      {
        [figure]: "empty" in built ? `Enter the ${fields[figure].label.toLowerCase()}.` : "message" in built ? built.message : undefined,
        written: shownWritten.trim() === "" ? "Write the target as it should read in the agreement." : undefined,
      },
      fields,
    );
    setProblems(found);
    if (found || !("target" in built)) return;
    const keepPrinted = wordingMode === "original" && slot.existing?.writtenValue && sameTarget(slot.existing.target, built.target);
    setTarget.mutate(
      {
        year: slot.year,
        component: slot.component,
        target: built.target,
        written: shownWritten.trim(),
        ...(keepPrinted && slot.existing?.writtenValue ? { writtenValue: slot.existing.writtenValue } : {}),
        ...(version !== undefined ? { version } : {}),
      },
      {
        onSuccess: (saved) => {
          setConflict(null);
          onSaved(saved);
        },
        onError: (error) => {
          const stale = staleVersion(error, SavedTargetView);
          setConflict(stale);
          if (stale !== null) {
            // Keep what the person typed; take the version now current, so saving again is a
            // deliberate choice made with the other change in view.
            if (stale !== "unknown") setVersion(stale.version);
            setProblems(null);
            return;
          }
          setProblems(problemsFromError(error, { ...fields, target: { ...fields.target, id: fields[figureField[draft.form]].id } }));
        },
      },
    );
  }

  const figureInput = (name: "figure" | "change" | "increment" | "level", inputLabel: string, description?: string) => (
    <TextInput
      id={fields[name].id}
      label={inputLabel}
      description={description}
      inputMode="decimal"
      autoComplete="off"
      value={draft[name]}
      onChange={(event) => change({ [name]: event.currentTarget.value })}
      error={problems?.byField[name] ?? problems?.byField.target}
      required
    />
  );

  return (
    <form onSubmit={submit} noValidate className="target-form" aria-label={`Target for ${label}`}>
      {conflict ? (
        <div role="alert" className="error-summary conflict">
          <p className="error-summary__title">Someone else changed this target since you opened it</p>
          {conflict === "unknown" ? (
            <p>It has been changed. Reload the page to see it, then make your change again.</p>
          ) : (
            <p>
              It is now “{conflict.written}”{conflict.value !== null ? `, which works out at ${conflict.value}` : ""}. Your change is still in the
              form below: review it and save again.
            </p>
          )}
        </div>
      ) : null}
      <ErrorSummary problems={problems} />
      <NativeSelect
        id={fields.form.id}
        label={fields.form.label}
        value={draft.form}
        onChange={(event) => change({ form: event.currentTarget.value as FormName })}
        data={(Object.keys(formLabels) as FormName[]).map((form) => ({ value: form, label: formLabels[form] }))}
      />
      {draft.form === "absolute" ? figureInput("figure", "Target figure") : null}
      {draft.form === "maintain" ? figureInput("figure", "Figure to maintain") : null}
      {draft.form === "level" ? figureInput("level", "Level") : null}
      {draft.form === "cumulative" ? figureInput("increment", "Increment on the year before", "Added to the year before's figure (or the baseline in the first year). Put − in front for a fall.") : null}
      {draft.form === "relative" ? (
        <div className="form-row">
          <NativeSelect
            id={fields.direction.id}
            label={fields.direction.label}
            value={draft.direction}
            onChange={(event) => change({ direction: event.currentTarget.value === "increase" ? "increase" : "reduction" })}
            data={[
              { value: "reduction", label: "Reduction" },
              { value: "increase", label: "Increase" },
            ]}
          />
          {figureInput("change", "Change")}
          <NativeSelect
            id={fields.changeUnit.id}
            label={fields.changeUnit.label}
            value={draft.changeUnit}
            onChange={(event) => change({ changeUnit: event.currentTarget.value === "points" ? "points" : "percent" })}
            data={[
              { value: "percent", label: "Per cent of the baseline" },
              { value: "points", label: "Percentage points" },
            ]}
          />
        </div>
      ) : null}

      <div className="target-preview" aria-live="polite" aria-atomic="true">
        {"target" in built ? (
          preview.value !== null ? (
            <p>
              Works out at <strong className="target-preview__value">{preview.value}</strong>
              {preview.baseline !== null ? ` (baseline ${preview.baseline})` : ""}.
            </p>
          ) : (
            <p>Cannot be worked out until the baseline is known.</p>
          )
        ) : "message" in built ? (
          <p>{built.message}</p>
        ) : (
          <p>Enter the figure to see what the target works out at.</p>
        )}
        {preview.worse ? (
          <p className="warning-text">
            <strong>Worse than the baseline:</strong> {preview.value} is worse than the baseline of {preview.baseline}, and for {indicator.code}{" "}
            {polarityWords[indicator.polarity].toLowerCase()}. It can still be proposed, but check it is what the partnership means.
          </p>
        ) : null}
      </div>

      <TextInput
        id={fields.written.id}
        label={fields.written.label}
        description="How the target reads in the agreement. It is filled in from the figures above; change it to use the partnership's own words."
        value={shownWritten}
        onChange={(event) => {
          setWritten(event.currentTarget.value);
          setWordingMode("typed");
        }}
        error={problems?.byField.written}
        required
      />
      {wordingDisagrees && wording && !(wording instanceof DomainError) && "target" in built ? (
        <p className="warning-text">
          The wording reads as “{describeTarget(wording.target)}”, but the figures above make “{describeTarget(built.target)}”. Check which is right.
        </p>
      ) : null}
      <div className="form-actions">
        <Button type="submit" loading={setTarget.isPending}>
          Save the {label} target
        </Button>
        <Button type="button" variant="subtle" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function YearEditor({ indicator, slot, showComponent }: { indicator: AgreementIndicatorPageView; slot: YearSlot; showComponent: boolean }) {
  const label = showComponent ? `${slot.year} (${componentWords(slot.component)})` : slot.year;
  return (
    <EditableItem
      current={
        <>
          <strong>{label}:</strong> {slot.existing ? `“${slot.existing.written}”` : <span className="muted">no target yet</span>}
        </>
      }
      buttonLabel={`Edit target for ${label}`}
      renderForm={(close) => (
        <TargetYearForm
          indicator={indicator}
          slot={slot}
          label={label}
          onCancel={() => close(null)}
          onSaved={(target) => close(`The ${label} target is saved: “${target.written}”${target.value !== null ? `, which works out at ${target.value}` : ""}.`)}
        />
      )}
    />
  );
}

/** One "Edit target" form per financial year (and component) of the agreement. */
export function TargetEditors({ indicator }: { indicator: AgreementIndicatorPageView }) {
  const components = [...new Set([...indicator.baselines.map((baseline) => baseline.component), ...indicator.targets.map((target) => target.component)])];
  const shownComponents = components.length > 0 ? components : ["all"];
  const showComponent = shownComponents.some((component) => component !== "all");
  const slots: YearSlot[] = indicator.agreement.years.flatMap((year) =>
    shownComponents.map((component) => ({
      year,
      component,
      existing: indicator.targets.find((target) => target.year === year && target.component === component),
    })),
  );
  return (
    <div className="target-editors">
      <Title order={3} id="edit-targets-heading">
        Change the targets
      </Title>
      <p>
        As the accountable officer you propose {indicator.code}'s targets. The Government Office sees each change in the history below.
      </p>
      <ul className="plain-list target-editor-list" aria-labelledby="edit-targets-heading">
        {slots.map((slot) => (
          <YearEditor key={`${slot.year}-${slot.component}`} indicator={indicator} slot={slot} showComponent={showComponent} />
        ))}
      </ul>
    </div>
  );
}
