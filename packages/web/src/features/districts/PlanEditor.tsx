/**
 * The LSP coordinator writes the district's local action plan (seed 000 §10): its summary and
 * the targets the district will support. The version read is sent back; a plan changed by
 * someone else meanwhile is shown, with the coordinator's own text kept.
 */
import { useId, useState, type FormEvent } from "react";
import { Button, Checkbox, Textarea, Title } from "@mantine/core";
import type { AgreementIndicatorView } from "@accord/domain";
import { ApiRequestError } from "../../api/client";
import { CurrentPlanView, type LocalActionPlanView } from "../../api/contracts";
import { ErrorSummary, StatusMessage, problemsFromChecks, problemsFromError, useFields, type Problems } from "../../components/FormProblems";
import { plural } from "../../words";
import { useSaveLocalActionPlan } from "./queries";

type Conflict = { summary: string; supportedIndicators: string[] } | "unknown";

export function PlanEditor({ slug, plan, indicators }: { slug: string; plan: LocalActionPlanView; indicators: AgreementIndicatorView[] }) {
  const save = useSaveLocalActionPlan(slug, plan.district.code);
  const fields = useFields({ summary: "Summary of the plan", supportedIndicators: "Indicators the district supports" });
  const [summary, setSummary] = useState(plan.summary);
  const [supported, setSupported] = useState<string[]>(plan.supportedIndicators);
  const [version, setVersion] = useState(plan.version);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const legendId = useId();
  const codeOf = (key: string) => indicators.find((indicator) => indicator.key === key)?.code ?? key;

  function toggle(key: string, checked: boolean) {
    setSupported((previous) => (checked ? [...previous, key] : previous.filter((candidate) => candidate !== key)));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    const found = problemsFromChecks({ summary: summary.length > 20_000 ? "The summary must be at most 20,000 characters." : undefined }, fields);
    setProblems(found);
    if (found) return;
    // In the agreement's order, so the plan reads the same however the boxes were ticked.
    const ordered = indicators.map((indicator) => indicator.key).filter((key) => supported.includes(key));
    save.mutate(
      { summary, supportedIndicators: ordered, ...(version > 0 ? { version } : {}) },
      {
        onSuccess: (result) => {
          setConflict(null);
          setVersion(result.version);
          setSaved(`The ${result.district.name} local action plan is saved: it supports ${plural(result.supportedIndicators.length, "indicator")}.`);
        },
        onError: (error) => {
          if (error instanceof ApiRequestError && error.conflict) {
            const current = CurrentPlanView.safeParse(error.current);
            setConflict(current.success ? current.data : "unknown");
            if (current.success) setVersion(current.data.version);
            setProblems(null);
            return;
          }
          setConflict(null);
          setProblems(problemsFromError(error, fields));
        },
      },
    );
  }

  const errorId = `${fields.supportedIndicators.id}-error`;
  return (
    <section aria-labelledby="edit-plan-heading" className="section">
      <Title order={2} id="edit-plan-heading">
        Change the plan
      </Title>
      <StatusMessage>{saved}</StatusMessage>
      {conflict ? (
        <div role="alert" className="error-summary conflict">
          <p className="error-summary__title">Someone else changed this plan since you opened it</p>
          {conflict === "unknown" ? (
            <p>Reload the page to see it, then make your change again.</p>
          ) : (
            <>
              <p>
                It now supports {conflict.supportedIndicators.length > 0 ? conflict.supportedIndicators.map(codeOf).join(", ") : "no indicators"}, and its summary
                reads: “{conflict.summary || "(empty)"}”.
              </p>
              <p>Your version is still in the form below: review it and save again.</p>
            </>
          )}
        </div>
      ) : null}
      <ErrorSummary problems={problems} />
      <form onSubmit={submit} noValidate className="form-stack" aria-labelledby="edit-plan-heading">
        <Textarea
          id={fields.summary.id}
          label={fields.summary.label}
          description="What the partnership will do in the district, and its local contribution to the targets"
          autosize
          minRows={5}
          value={summary}
          onChange={(event) => setSummary(event.currentTarget.value)}
          error={problems?.byField.summary}
        />
        <fieldset className="checkbox-fieldset" id={fields.supportedIndicators.id} tabIndex={-1} aria-describedby={problems?.byField.supportedIndicators ? errorId : undefined}>
          <legend id={legendId}>{fields.supportedIndicators.label}</legend>
          {problems?.byField.supportedIndicators ? (
            <p id={errorId} className="field-error">
              {problems.byField.supportedIndicators}
            </p>
          ) : null}
          <div className="checkbox-grid">
            {indicators.map((indicator) => (
              <Checkbox
                key={indicator.key}
                label={`${indicator.code} ${indicator.title}`}
                checked={supported.includes(indicator.key)}
                onChange={(event) => toggle(indicator.key, event.currentTarget.checked)}
              />
            ))}
          </div>
        </fieldset>
        <div>
          <Button type="submit" loading={save.isPending}>
            Save the plan
          </Button>
        </div>
      </form>
    </section>
  );
}
