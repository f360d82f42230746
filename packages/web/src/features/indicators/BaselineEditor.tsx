/**
 * The accountable officer's (or a manager's) baseline forms: "Set the baseline" for each
 * component the catalogue lists, and "Baseline not available yet" with the reason and the date
 * it is expected. Like the target form, the version read is sent back, so a change someone else
 * saved meanwhile is shown (with what it now is) rather than overwritten, and what was typed stays.
 */
import { useId, useRef, useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { Button, Textarea, TextInput, Title } from "@mantine/core";
import { BaselineView, quantityText, type AgreementIndicatorPageView } from "@accord/domain";
import { keepTypedOnStale } from "../../api/client";
import { ErrorSummary, StatusMessage, problemsFromChecks, problemsFromError, useFields, type Problems } from "../../components/FormProblems";
import { indicatorDefinitionQuery } from "../catalogue/queries";
import { componentWords } from "../../words";
import { useSetBaseline, useSetPendingBaseline } from "./writes";
import { EditableItem } from "../../components/EditableItem";

/** "1,183" → "1183", "−2.5" → "-2.5"; null when it is not a plain decimal. */
export function exactDecimal(text: string): string | null {
  const number = text.trim().replace(/,/g, "").replace(/^[\u2212\u2013]/, "-");
  return /^-?\d+(\.\d+)?$/.test(number) ? number : null;
}

/** The wording a value and unit read as when nobody typed one: the words the files print too. */
function wordingFrom(value: string, unit: string): string {
  const number = exactDecimal(value) ?? value.trim();
  return number === "" ? "" : quantityText(number, unit);
}

/** original: the wording as it was; follows: the new value's words; typed: the person's own. */
type WordingMode = "original" | "follows" | "typed";

function BaselineForm({
  indicator,
  component,
  label,
  existing,
  defaultUnit,
  onSaved,
  onCancel,
}: {
  indicator: AgreementIndicatorPageView;
  component: string;
  label: string;
  existing: BaselineView | undefined;
  defaultUnit: string;
  onSaved: (saved: BaselineView) => void;
  onCancel: () => void;
}) {
  const setBaseline = useSetBaseline(indicator.agreement.slug, indicator.key);
  const [value, setValue] = useState(existing?.value ?? "");
  // A baseline already set keeps its own unit, none included: changing its value must not add
  // the catalogue's unit ("1150 count" for NI 47's "1183"). A new one starts from the catalogue's.
  const [unit, setUnit] = useState(existing ? (existing.unit ?? "") : defaultUnit);
  const [period, setPeriod] = useState(existing?.period ?? "");
  const [source, setSource] = useState(existing?.source ?? "");
  const [written, setWritten] = useState(existing?.written ?? "");
  const [wordingMode, setWordingMode] = useState<WordingMode>(existing ? "original" : "follows");
  const [version, setVersion] = useState<number | undefined>(existing?.version);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [conflict, setConflict] = useState<BaselineView | "unknown" | null>(null);
  const fields = useFields({ value: "Baseline value", unit: "Unit (optional)", period: "Period (optional)", source: "Source (optional)", written: "Baseline as written", component: "Component" });
  const shownWritten = wordingMode === "follows" ? wordingFrom(value, unit) : written;
  // A changed value or unit takes the wording with it, unless the person typed their own.
  const changeFigure = (set: (text: string) => void) => (text: string) => {
    set(text);
    if (wordingMode === "original") setWordingMode("follows");
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const number = exactDecimal(value);
    const found = problemsFromChecks(
      {
        value: value.trim() === "" ? "Enter the baseline value." : number === null ? `“${value.trim()}” is not a number: write it with digits, such as 1183 or 9.6.` : undefined,
        written: shownWritten.trim() === "" ? "Write the baseline as it should read in the agreement." : undefined,
      },
      fields,
    );
    setProblems(found);
    if (found || number === null) return;
    const optional = (name: "unit" | "period" | "source", text: string) => (text.trim() === "" ? {} : { [name]: text.trim() });
    setBaseline.mutate(
      {
        component,
        value: number,
        ...optional("unit", unit),
        ...optional("period", period),
        ...optional("source", source),
        written: shownWritten.trim(),
        ...(version !== undefined ? { version } : {}),
      },
      {
        onSuccess: (saved) => {
          setConflict(null);
          onSaved(saved);
        },
        onError: (error) => {
          if (!keepTypedOnStale(error, BaselineView, { setConflict, setVersion, setProblems })) setProblems(problemsFromError(error, fields));
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate className="target-form baseline-form" aria-label={`Set the baseline${label}`}>
      {conflict ? (
        <div role="alert" className="error-summary conflict">
          <p className="error-summary__title">Someone else changed this baseline since you opened it</p>
          {conflict === "unknown" ? (
            <p>It has been changed. Reload the page to see it, then make your change again.</p>
          ) : (
            <p>
              It is now {conflict.value}
              {conflict.unit ? ` ${conflict.unit}` : ""}, written “{conflict.written}”. Your change is still in the form below: review it and save again.
            </p>
          )}
        </div>
      ) : null}
      <ErrorSummary problems={problems} />
      <div className="form-row">
        <TextInput
          id={fields.value.id}
          label={fields.value.label}
          description="Exactly as measured, such as 1183 or 9.6"
          inputMode="decimal"
          autoComplete="off"
          value={value}
          onChange={(event) => changeFigure(setValue)(event.currentTarget.value)}
          error={problems?.byField.value}
          required
        />
        <TextInput id={fields.unit.id} label={fields.unit.label} autoComplete="off" value={unit} onChange={(event) => changeFigure(setUnit)(event.currentTarget.value)} error={problems?.byField.unit} />
      </div>
      <div className="form-row">
        <TextInput
          id={fields.period.id}
          label={fields.period.label}
          description="Such as 2004–2006 average or 2007/08"
          autoComplete="off"
          value={period}
          onChange={(event) => setPeriod(event.currentTarget.value)}
          error={problems?.byField.period}
        />
        <TextInput id={fields.source.id} label={fields.source.label} autoComplete="off" value={source} onChange={(event) => setSource(event.currentTarget.value)} error={problems?.byField.source} />
      </div>
      <TextInput
        id={fields.written.id}
        label={fields.written.label}
        description="How the baseline reads in the agreement. It follows the value and unit; change it to use the partnership's own words."
        autoComplete="off"
        value={shownWritten}
        onChange={(event) => {
          setWritten(event.currentTarget.value);
          setWordingMode("typed");
        }}
        error={problems?.byField.written}
        required
      />
      {problems?.byField.component ? <p className="field-error">{problems.byField.component}</p> : null}
      <div className="form-actions">
        <Button type="submit" loading={setBaseline.isPending}>
          Save the baseline{label}
        </Button>
        <Button type="button" variant="subtle" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function ComponentBaseline({ indicator, component, showComponent, defaultUnit }: { indicator: AgreementIndicatorPageView; component: string; showComponent: boolean; defaultUnit: string }) {
  const existing = indicator.baselines.find((baseline) => baseline.component === component);
  const label = showComponent ? ` for ${componentWords(component)}` : "";
  return (
    <EditableItem
      current={
        <>
          {showComponent ? <strong>{componentWords(component)}: </strong> : null}
          {existing ? `“${existing.written}”` : <span className="muted">no baseline yet</span>}
        </>
      }
      buttonLabel={`Set the baseline${label}`}
      renderForm={(close) => (
        <BaselineForm
          indicator={indicator}
          component={component}
          label={label}
          existing={existing}
          defaultUnit={defaultUnit}
          onCancel={() => close(null)}
          onSaved={(baseline) => close(`The baseline${label} is saved: “${baseline.written}”.`)}
        />
      )}
    />
  );
}

function PendingBaselineForm({ indicator }: { indicator: AgreementIndicatorPageView }) {
  const pending = indicator.baselinePending;
  const setPending = useSetPendingBaseline(indicator.agreement.slug, indicator.key);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState(pending?.reason ?? "");
  const [expectedBy, setExpectedBy] = useState(pending?.expectedBy ?? "");
  const [written, setWritten] = useState(pending && pending.written !== pending.reason ? pending.written : "");
  const [problems, setProblems] = useState<Problems | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const formId = useId();
  const fields = useFields({ reason: "Why the baseline cannot be set yet", expectedBy: "Expected by (optional)", written: "As written in the agreement (optional)" });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = problemsFromChecks(
      {
        reason: reason.trim() === "" ? "Say why the baseline cannot be set yet." : undefined,
        expectedBy: expectedBy !== "" && !/^\d{4}-\d{2}-\d{2}$/.test(expectedBy) ? "Enter the date as a day, month and year." : undefined,
      },
      fields,
    );
    setProblems(found);
    if (found) return;
    setPending.mutate(
      {
        reason: reason.trim(),
        ...(expectedBy !== "" ? { expectedBy } : {}),
        ...(written.trim() !== "" ? { written: written.trim() } : {}),
        ...(pending ? { version: pending.version } : {}),
      },
      {
        onSuccess: (answer) => {
          setProblems(null);
          setOpen(false);
          setSaved(`Recorded: the baseline is not available yet (${answer.written}).`);
          requestAnimationFrame(() => toggle.current?.focus());
        },
        // A baseline already set (409) is reported with the server's own message.
        onError: (error) => setProblems(problemsFromError(error, fields)),
      },
    );
  }

  // Offered only while there is no baseline; kept open (with the server's message) when one
  // was set by someone else meanwhile.
  if (indicator.baselines.length > 0 && !open) return null;

  return (
    <div className="target-editor">
      <div className="target-editor__row">
        <span>{pending ? "Recorded as not available yet." : "If the baseline cannot be measured yet, say why and when it is expected."}</span>
        <Button
          ref={toggle}
          variant="outline"
          size="compact-md"
          aria-expanded={open}
          aria-controls={open ? formId : undefined}
          onClick={() => {
            setSaved(null);
            setOpen(!open);
          }}
        >
          Baseline not available yet
        </Button>
      </div>
      <StatusMessage>{saved}</StatusMessage>
      {open ? (
        <form id={formId} onSubmit={submit} noValidate className="target-form" aria-label="Baseline not available yet">
          <ErrorSummary problems={problems} />
          <Textarea
            id={fields.reason.id}
            label={fields.reason.label}
            description="Such as: Cannot be set until the Place Survey is conducted"
            autosize
            minRows={2}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={problems?.byField.reason}
            required
          />
          <TextInput
            id={fields.expectedBy.id}
            type="date"
            label={fields.expectedBy.label}
            value={expectedBy}
            onChange={(event) => setExpectedBy(event.currentTarget.value)}
            error={problems?.byField.expectedBy}
          />
          <TextInput
            id={fields.written.id}
            label={fields.written.label}
            description="Left empty, the reason is what the agreement shows."
            autoComplete="off"
            value={written}
            onChange={(event) => setWritten(event.currentTarget.value)}
            error={problems?.byField.written}
          />
          <div className="form-actions">
            <Button type="submit" loading={setPending.isPending}>
              Record that the baseline is not available yet
            </Button>
            <Button
              type="button"
              variant="subtle"
              onClick={() => {
                setOpen(false);
                requestAnimationFrame(() => toggle.current?.focus());
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}

/** The baseline forms, for people who may propose the indicator's targets. */
export function BaselineEditors({ indicator }: { indicator: AgreementIndicatorPageView }) {
  const definition = useQuery(indicatorDefinitionQuery(indicator.key));
  const fromCatalogue = definition.data?.components ?? [];
  const components = [...new Set([...fromCatalogue, ...indicator.baselines.map((baseline) => baseline.component)])];
  const shown = components.length > 0 ? components : ["all"];
  const showComponent = shown.some((component) => component !== "all");
  const defaultUnit = definition.data?.unit ?? indicator.unit ?? "";
  if (definition.isPending) return null;
  return (
    <div className="target-editors">
      <Title order={3} id="edit-baseline-heading">
        Change the baseline
      </Title>
      <ul className="plain-list target-editor-list" aria-labelledby="edit-baseline-heading">
        {shown.map((component) => (
          <ComponentBaseline key={component} indicator={indicator} component={component} showComponent={showComponent} defaultUnit={defaultUnit} />
        ))}
      </ul>
      <PendingBaselineForm indicator={indicator} />
    </div>
  );
}
