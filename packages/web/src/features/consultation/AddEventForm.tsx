/** A manager adds an event to the consultation diary. */
import { useState, type FormEvent } from "react";
import { Button, Checkbox, NativeSelect, TextInput, Textarea } from "@mantine/core";
import { consultationKinds } from "@accord/domain";
import { ErrorSummary, StatusMessage, problemsFromError, useFields, type Problems } from "../../components/FormProblems";
import { useAddConsultationEvent } from "./queries";

const orNull = (text: string): string | null => (text.trim() === "" ? null : text.trim());
const lines = (text: string): string[] =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");

export function AddEventForm({ slug }: { slug: string }) {
  const add = useAddConsultationEvent(slug);
  const [date, setDate] = useState("");
  const [kind, setKind] = useState<string>("meeting");
  const [title, setTitle] = useState("");
  const [audience, setAudience] = useState("");
  const [organisations, setOrganisations] = useState("");
  const [number, setNumber] = useState("");
  const [atLeast, setAtLeast] = useState(false);
  const [outcome, setOutcome] = useState("");
  const [documents, setDocuments] = useState("");
  const [problems, setProblems] = useState<Problems | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const fields = useFields({
    date: "Date",
    kind: "Kind of event",
    title: "What happened",
    audience: "Audience",
    organisationsInvited: "Organisations invited",
    numberConsulted: "Number consulted",
    numberConsultedIsMinimum: "The number is a minimum (\"over 120\")",
    outcome: "Outcome",
    documents: "Documents",
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    const typed = number.trim();
    add.mutate(
      {
        date: date.trim(),
        kind,
        title: title.trim(),
        audience: orNull(audience),
        organisationsInvited: lines(organisations),
        numberConsulted: typed === "" ? null : /^\d+$/.test(typed) ? Number(typed) : typed,
        numberConsultedIsMinimum: atLeast,
        outcome: orNull(outcome),
        documents: lines(documents),
      },
      {
        onSuccess: (view) => {
          setProblems(null);
          setSaved(`"${view.title}" is added to the diary.`);
          for (const clear of [setDate, setTitle, setAudience, setOrganisations, setNumber, setOutcome, setDocuments]) clear("");
          setAtLeast(false);
        },
        onError: (error) => setProblems(problemsFromError(error, fields)),
      },
    );
  }

  return (
    <section aria-labelledby="add-event-heading" className="section">
      <h2 id="add-event-heading">Add an event</h2>
      <form onSubmit={submit} noValidate aria-labelledby="add-event-heading">
        <ErrorSummary problems={problems} />
        <div className="form-row">
          <TextInput
            id={fields.date.id}
            label={fields.date.label}
            description="As year-month-day, e.g. 2008-04-23"
            autoComplete="off"
            required
            value={date}
            onChange={(event) => setDate(event.currentTarget.value)}
            error={problems?.byField.date}
          />
          <NativeSelect
            id={fields.kind.id}
            label={fields.kind.label}
            value={kind}
            onChange={(event) => setKind(event.currentTarget.value)}
            data={consultationKinds.map((one) => ({ value: one, label: one[0]?.toUpperCase() + one.slice(1) }))}
            error={problems?.byField.kind}
          />
        </div>
        <TextInput id={fields.title.id} label={fields.title.label} required autoComplete="off" value={title} onChange={(event) => setTitle(event.currentTarget.value)} error={problems?.byField.title} />
        <TextInput id={fields.audience.id} label={fields.audience.label} autoComplete="off" value={audience} onChange={(event) => setAudience(event.currentTarget.value)} error={problems?.byField.audience} />
        <Textarea
          id={fields.organisationsInvited.id}
          label={fields.organisationsInvited.label}
          description="One a line"
          autosize
          minRows={2}
          value={organisations}
          onChange={(event) => setOrganisations(event.currentTarget.value)}
          error={problems?.byField.organisationsInvited}
        />
        <div className="form-row">
          <TextInput
            id={fields.numberConsulted.id}
            label={fields.numberConsulted.label}
            description="Leave empty if not known"
            inputMode="numeric"
            autoComplete="off"
            value={number}
            onChange={(event) => setNumber(event.currentTarget.value)}
            error={problems?.byField.numberConsulted}
          />
        </div>
        <Checkbox
          id={fields.numberConsultedIsMinimum.id}
          size="md"
          label={fields.numberConsultedIsMinimum.label}
          checked={atLeast}
          onChange={(event) => setAtLeast(event.currentTarget.checked)}
          error={problems?.byField.numberConsultedIsMinimum}
        />
        <Textarea id={fields.outcome.id} label={fields.outcome.label} autosize minRows={2} value={outcome} onChange={(event) => setOutcome(event.currentTarget.value)} error={problems?.byField.outcome} />
        <Textarea
          id={fields.documents.id}
          label={fields.documents.label}
          description="Their titles, one a line"
          autosize
          minRows={2}
          value={documents}
          onChange={(event) => setDocuments(event.currentTarget.value)}
          error={problems?.byField.documents}
        />
        <Button type="submit" loading={add.isPending}>
          Add the event
        </Button>
        <StatusMessage>{saved}</StatusMessage>
      </form>
    </section>
  );
}
