/**
 * A manager changes the estimate's assumptions: every box is a figure the estimate uses (empty
 * means not known), sent with the version read so a change someone else saved is shown, not lost.
 */
import { useState, type FormEvent } from "react";
import { Button, Textarea, TextInput } from "@mantine/core";
import { staleVersion } from "../../api/client";
import { ErrorSummary, StatusMessage, problemsFromError, useFields, type Problems } from "../../components/FormProblems";
import { RewardAssumptionsView, type AssumptionField } from "./contracts";
import { assumptionFields, assumptionLabels, assumptionWords } from "./words";
import { useChangeAssumptions } from "./writes";

type Typed = Record<AssumptionField | "note", string>;

function typedFrom(view: RewardAssumptionsView): Typed {
  const typed = { note: view.note ?? "" } as Typed;
  for (const field of assumptionFields) typed[field] = view[field] ?? "";
  return typed;
}

const orNull = (text: string): string | null => (text.trim() === "" ? null : text.trim().replace(/[£,%\s]/g, ""));

export function AssumptionsForm({ slug, assumptions }: { slug: string; assumptions: RewardAssumptionsView }) {
  const change = useChangeAssumptions(slug);
  const [typed, setTyped] = useState<Typed>(() => typedFrom(assumptions));
  const [version, setVersion] = useState(assumptions.version);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [conflict, setConflict] = useState<RewardAssumptionsView | "unknown" | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const labels = Object.fromEntries([...assumptionFields.map((field) => [field, assumptionLabels[field].label]), ["note", "Note (optional)"]]) as Record<
    AssumptionField | "note",
    string
  >;
  const fields = useFields(labels);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    const body: Record<string, string | number | null> = { version };
    for (const field of assumptionFields) body[field] = orNull(typed[field]);
    body.note = typed.note.trim() === "" ? null : typed.note.trim();
    change.mutate(body as { version: number }, {
      onSuccess: (view) => {
        setConflict(null);
        setProblems(null);
        setVersion(view.version);
        setTyped(typedFrom(view));
        setSaved("The assumptions are saved and the estimate is worked out again above.");
      },
      onError: (error) => {
        const stale = staleVersion(error, RewardAssumptionsView);
        setConflict(stale);
        if (stale !== null) {
          if (stale !== "unknown") setVersion(stale.version);
          setProblems(null);
          return;
        }
        setProblems(problemsFromError(error, fields));
      },
    });
  }

  return (
    <form onSubmit={submit} noValidate className="target-form" aria-labelledby="assumptions-form-heading">
      <h3 id="assumptions-form-heading">Change the assumptions</h3>
      {conflict ? (
        <div role="alert" className="error-summary conflict">
          <p className="error-summary__title">Someone else changed the assumptions since you opened this page</p>
          {conflict === "unknown" ? (
            <p>Reload the page to see them, then make your change again.</p>
          ) : (
            <p>
              They now read:{" "}
              {assumptionFields.map((field) => `${assumptionLabels[field].label} ${assumptionWords(field, conflict[field]) ?? "not given"}`).join("; ")}. Your
              change is still in the form: review it and save again.
            </p>
          )}
        </div>
      ) : null}
      <ErrorSummary problems={problems} />
      <div className="form-row">
        {assumptionFields.map((field) => (
          <TextInput
            key={field}
            id={fields[field].id}
            label={fields[field].label}
            description={`${assumptionLabels[field].hint}; leave empty if not known`}
            inputMode="decimal"
            autoComplete="off"
            value={typed[field]}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setTyped((previous) => ({ ...previous, [field]: value }));
            }}
            error={problems?.byField[field]}
          />
        ))}
      </div>
      <Textarea
        id={fields.note.id}
        label={fields.note.label}
        autosize
        minRows={2}
        value={typed.note}
        onChange={(event) => {
          const value = event.currentTarget.value;
          setTyped((previous) => ({ ...previous, note: value }));
        }}
        error={problems?.byField.note}
      />
      <Button type="submit" loading={change.isPending}>
        Save the assumptions
      </Button>
      <StatusMessage>{saved}</StatusMessage>
    </form>
  );
}
