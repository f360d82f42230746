/**
 * A manager's catalogue forms: change an entry's title, unit, polarity and department (sending the
 * version read, so a change someone else saved meanwhile is shown rather than overwritten), and
 * add an entry the catalogue lacks, saying where it comes from. The server's message is shown
 * beside the field it names.
 */
import { useState, type FormEvent } from "react";
import { Link } from "@tanstack/react-router";
import { Button, NativeSelect, TextInput } from "@mantine/core";
import { z } from "zod";
import { IndicatorDefinitionView, polarities, type Polarity } from "@accord/domain";
import { keepTypedOnStale } from "../../api/client";
import { ErrorSummary, StatusMessage, problemsFromChecks, problemsFromError, useFields, type Problems } from "../../components/FormProblems";
import { polarityWords } from "../../words";
import { useAddCatalogueEntry, useChangeCatalogueEntry } from "./writes";

/** What a 409 sends back: the entry's changeable facts as they now stand. */
const CurrentEntry = IndicatorDefinitionView.pick({ code: true, title: true, unit: true, polarity: true, department: true, version: true });
type CurrentEntry = z.infer<typeof CurrentEntry>;

const polarityOptions = polarities.map((polarity) => ({ value: polarity, label: polarityWords[polarity] }));

const isPolarity = (text: string): text is Polarity => (polarities as readonly string[]).includes(text);

/** Empty boxes mean "none" for the optional facts. */
const orNull = (text: string): string | null => (text.trim() === "" ? null : text.trim());

export function ChangeEntryForm({ definition }: { definition: IndicatorDefinitionView }) {
  const change = useChangeCatalogueEntry(definition.key);
  const [title, setTitle] = useState(definition.title);
  const [unit, setUnit] = useState(definition.unit ?? "");
  const [polarity, setPolarity] = useState<Polarity>(definition.polarity);
  const [department, setDepartment] = useState(definition.department ?? "");
  const [version, setVersion] = useState(definition.version);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [conflict, setConflict] = useState<CurrentEntry | "unknown" | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const fields = useFields({ title: "Title", unit: "Unit", polarity: "Which way is better", department: "Department" });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    const found = problemsFromChecks({ title: title.trim() === "" ? "Enter the indicator's title." : undefined }, fields);
    setProblems(found);
    if (found) return;
    change.mutate(
      { title: title.trim(), unit: orNull(unit), polarity, department: orNull(department), version },
      {
        onSuccess: (entry) => {
          setConflict(null);
          setVersion(entry.version);
          setSaved(`${entry.code} is saved: ${entry.title}; unit ${entry.unit ?? "none"}; ${polarityWords[entry.polarity].toLowerCase()}.`);
        },
        onError: (error) => {
          if (!keepTypedOnStale(error, CurrentEntry, { setConflict, setVersion, setProblems })) setProblems(problemsFromError(error, fields));
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate className="target-form" aria-labelledby="change-entry-heading">
      <h2 id="change-entry-heading">Change this entry</h2>
      {conflict ? (
        <div role="alert" className="error-summary conflict">
          <p className="error-summary__title">Someone else changed this entry since you opened it</p>
          {conflict === "unknown" ? (
            <p>It has been changed. Reload the page to see it, then make your change again.</p>
          ) : (
            <p>
              It now reads: title “{conflict.title}”, unit {conflict.unit ? `“${conflict.unit}”` : "none"}, {polarityWords[conflict.polarity].toLowerCase()}, department{" "}
              {conflict.department ?? "none"}. Your change is still in the form below: review it and save again.
            </p>
          )}
        </div>
      ) : null}
      <ErrorSummary problems={problems} />
      <TextInput id={fields.title.id} label={fields.title.label} autoComplete="off" value={title} onChange={(event) => setTitle(event.currentTarget.value)} error={problems?.byField.title} required />
      <div className="form-row">
        <TextInput
          id={fields.unit.id}
          label={fields.unit.label}
          description="Such as % or number; leave empty if none"
          autoComplete="off"
          value={unit}
          onChange={(event) => setUnit(event.currentTarget.value)}
          error={problems?.byField.unit}
        />
        <NativeSelect
          id={fields.polarity.id}
          label={fields.polarity.label}
          value={polarity}
          onChange={(event) => {
            const chosen = event.currentTarget.value;
            if (isPolarity(chosen)) setPolarity(chosen);
          }}
          data={polarityOptions}
          error={problems?.byField.polarity}
        />
        <TextInput
          id={fields.department.id}
          label={fields.department.label}
          description="The department that owns it, such as DfT"
          autoComplete="off"
          value={department}
          onChange={(event) => setDepartment(event.currentTarget.value)}
          error={problems?.byField.department}
        />
      </div>
      <Button type="submit" loading={change.isPending}>
        Save the entry
      </Button>
      <StatusMessage>{saved}</StatusMessage>
    </form>
  );
}

export function AddEntryForm() {
  const add = useAddCatalogueEntry();
  const [code, setCode] = useState("");
  const [title, setTitle] = useState("");
  const [source, setSource] = useState<"national-indicator-set" | "lpsa2">("national-indicator-set");
  const [unit, setUnit] = useState("");
  const [polarity, setPolarity] = useState<Polarity>("unknown");
  const [department, setDepartment] = useState("");
  const [titleSource, setTitleSource] = useState("");
  const [problems, setProblems] = useState<Problems | null>(null);
  const [added, setAdded] = useState<IndicatorDefinitionView | null>(null);
  const fields = useFields({
    code: "Code",
    title: "Title",
    source: "Set",
    unit: "Unit (optional)",
    polarity: "Which way is better",
    department: "Department (optional)",
    titleSource: "Where it comes from",
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAdded(null);
    const found = problemsFromChecks(
      {
        code: code.trim() === "" ? "Enter the indicator's code, such as NI 199." : undefined,
        title: title.trim() === "" ? "Enter the indicator's title." : undefined,
        titleSource: titleSource.trim() === "" ? "Say where the title comes from (a document or a page)." : undefined,
      },
      fields,
    );
    setProblems(found);
    if (found) return;
    const unitText = orNull(unit);
    const departmentText = orNull(department);
    add.mutate(
      {
        code: code.trim(),
        title: title.trim(),
        source,
        polarity,
        titleSource: titleSource.trim(),
        ...(unitText !== null ? { unit: unitText } : {}),
        ...(departmentText !== null ? { department: departmentText } : {}),
      },
      {
        onSuccess: (entry) => {
          setProblems(null);
          setAdded(entry);
          setCode("");
          setTitle("");
          setUnit("");
          setDepartment("");
          setTitleSource("");
          setPolarity("unknown");
        },
        onError: (error) => setProblems(problemsFromError(error, fields)),
      },
    );
  }

  return (
    <details className="add-entry">
      <summary>Add an entry to the catalogue</summary>
      <form onSubmit={submit} noValidate className="target-form" aria-label="Add an entry to the catalogue">
        <ErrorSummary problems={problems} />
        <div className="form-row">
          <TextInput id={fields.code.id} label={fields.code.label} description="Such as NI 199" autoComplete="off" value={code} onChange={(event) => setCode(event.currentTarget.value)} error={problems?.byField.code} required />
          <NativeSelect
            id={fields.source.id}
            label={fields.source.label}
            value={source}
            onChange={(event) => setSource(event.currentTarget.value === "lpsa2" ? "lpsa2" : "national-indicator-set")}
            data={[
              { value: "national-indicator-set", label: "National Indicator Set" },
              { value: "lpsa2", label: "LPSA2 target" },
            ]}
            error={problems?.byField.source}
          />
        </div>
        <TextInput id={fields.title.id} label={fields.title.label} autoComplete="off" value={title} onChange={(event) => setTitle(event.currentTarget.value)} error={problems?.byField.title} required />
        <div className="form-row">
          <TextInput id={fields.unit.id} label={fields.unit.label} autoComplete="off" value={unit} onChange={(event) => setUnit(event.currentTarget.value)} error={problems?.byField.unit} />
          <NativeSelect
            id={fields.polarity.id}
            label={fields.polarity.label}
            value={polarity}
            onChange={(event) => {
              const chosen = event.currentTarget.value;
              if (isPolarity(chosen)) setPolarity(chosen);
            }}
            data={polarityOptions}
            error={problems?.byField.polarity}
          />
          <TextInput
            id={fields.department.id}
            label={fields.department.label}
            autoComplete="off"
            value={department}
            onChange={(event) => setDepartment(event.currentTarget.value)}
            error={problems?.byField.department}
          />
        </div>
        <TextInput
          id={fields.titleSource.id}
          label={fields.titleSource.label}
          description="The document or page the title and facts are taken from"
          autoComplete="off"
          value={titleSource}
          onChange={(event) => setTitleSource(event.currentTarget.value)}
          error={problems?.byField.titleSource}
          required
        />
        <Button type="submit" loading={add.isPending}>
          Add the entry
        </Button>
        <StatusMessage>
          {added ? (
            <>
              Added{" "}
              <Link to="/indicators/$key" params={{ key: added.key }}>
                {added.code}
              </Link>{" "}
              to the catalogue.
            </>
          ) : null}
        </StatusMessage>
      </form>
    </details>
  );
}
