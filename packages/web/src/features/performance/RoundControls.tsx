/**
 * The partnership office's hold on a monitoring round (seed 000 §11): open the round for a
 * period, close it once the returns are in, publish it so every partner (and the public) reads
 * the one central report. Closing and publishing cannot be undone, so each asks first. Shown to
 * a manager of the agreement only; the server refuses anyone else whatever the page shows.
 */
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link } from "@tanstack/react-router";
import { Button, TextInput, Title } from "@mantine/core";
import { longDate, RoundView } from "@accord/domain";
import { staleVersion } from "../../api/client";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ErrorSummary, StatusMessage, problemsFromError, useFields, type Problems } from "../../components/FormProblems";
import { longDateTime } from "../../words";
import { useMoveRound, useOpenRound, type RoundMove } from "./writes";

const stateWords: Record<RoundView["status"], string> = {
  open: "open",
  closed: "closed, not yet published",
  published: "published",
};

/** A manager opens the round for a period; the due date is six weeks after it ends unless given. */
export function OpenRoundForm({ slug }: { slug: string }) {
  const openRound = useOpenRound(slug);
  const [period, setPeriod] = useState("");
  const [dueDate, setDueDate] = useState("");
  const [problems, setProblems] = useState<Problems | null>(null);
  const [opened, setOpened] = useState<RoundView | null>(null);
  const fields = useFields({ period: "Period", dueDate: "Returns due" });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setOpened(null);
    if (period.trim() === "") {
      const message = "Enter the period the round reports on, such as 2010/11 H2.";
      setProblems({ items: [{ message, fieldId: fields.period.id }], byField: { period: message } });
      return;
    }
    openRound
      .mutateAsync({ period: period.trim(), ...(dueDate !== "" ? { dueDate } : {}) })
      .then((round) => {
        setProblems(null);
        setPeriod("");
        setDueDate("");
        setOpened(round);
      })
      .catch((error: unknown) => setProblems(problemsFromError(error, fields)));
  }

  return (
    <section aria-labelledby="open-round-heading" className="section">
      <Title order={2} id="open-round-heading">
        Open a round for a period
      </Title>
      <p>Each indicator in the agreement then has a return for its accountable officer to give, values and a text update.</p>
      <ErrorSummary problems={problems} />
      <StatusMessage>
        {opened ? (
          <>
            The {opened.period.label} round is open; returns are due by {longDate(opened.dueDate)}.{" "}
            <Link to="/agreements/$slug/rounds/$round" params={{ slug, round: opened.key }}>
              Returns for {opened.period.label}
            </Link>
          </>
        ) : null}
      </StatusMessage>
      <form noValidate onSubmit={onSubmit} aria-labelledby="open-round-heading" className="inline-form">
        <TextInput
          id={fields.period.id}
          label={fields.period.label}
          description="A half year (2010/11 H2), a year (2010/11), a quarter (2010/11 Q3) or a month"
          value={period}
          onChange={(event) => setPeriod(event.currentTarget.value)}
          error={problems?.byField.period}
          autoComplete="off"
          required
        />
        <TextInput
          id={fields.dueDate.id}
          type="date"
          label={fields.dueDate.label}
          description="Leave it empty for six weeks after the period ends"
          value={dueDate}
          onChange={(event) => setDueDate(event.currentTarget.value)}
          error={problems?.byField.dueDate}
        />
        <Button type="submit" loading={openRound.isPending}>
          Open the round
        </Button>
      </form>
    </section>
  );
}

interface Outcome {
  kind: "done" | "conflict" | "error";
  text: string;
}

const asks: Record<RoundMove, { button: string; title: (label: string) => string; confirm: string; cancel: string }> = {
  close: {
    button: "Close the round…",
    title: (label) => `Close the ${label} round?`,
    confirm: "Yes, close the round",
    cancel: "Keep it open",
  },
  publish: {
    button: "Publish the round…",
    title: (label) => `Publish the ${label} round?`,
    confirm: "Yes, publish it",
    cancel: "Not yet",
  },
};

/** How many returns are not yet accepted, in words, for the question before closing. */
function outstandingWords(outstanding: number): string {
  if (outstanding === 0) return "Every return is accepted.";
  return outstanding === 1 ? "1 return is not yet accepted: it stays as it is." : `${outstanding} returns are not yet accepted: they stay as they are.`;
}

/** Close an open round, or publish a closed one, after asking; what happened is said in a status message. */
export function RoundActions({ slug, round, outstanding }: { slug: string; round: RoundView; outstanding: number }) {
  const moveRound = useMoveRound(slug, round.key);
  const [asking, setAsking] = useState<RoundMove | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const label = round.period.label;
  const next: RoundMove | null = round.status === "open" ? "close" : round.status === "closed" ? "publish" : null;

  // After an answer the dialog has closed (its effect, a child's, ran first); the button that
  // opened it may be gone (a published round has none), so focus goes to the section's heading.
  useEffect(() => {
    if (outcome !== null) heading.current?.focus();
  }, [outcome]);

  function confirm(move: RoundMove) {
    setOutcome(null);
    // mutateAsync: the refresh after the move changes which button this section shows.
    moveRound
      .mutateAsync({ move, version: round.version })
      .then((saved) => {
        setAsking(null);
        setOutcome({
          kind: "done",
          text:
            move === "close"
              ? `The ${saved.period.label} round is closed: no return or value in it can be changed. Publish it when the report is ready.`
              : `The ${saved.period.label} round is published: anyone can now read its dashboard, charts and report.`,
        });
      })
      .catch((error: unknown) => {
        setAsking(null);
        const current = staleVersion(error, RoundView);
        if (current !== null) {
          setOutcome({
            kind: "conflict",
            text:
              current === "unknown"
                ? "The round was changed by someone else. Reload the page to see it."
                : `It is now ${stateWords[current.status]}${current.closedAt ? ` (closed ${longDateTime(current.closedAt)})` : ""}. Nothing was changed.`,
          });
          return;
        }
        setOutcome({ kind: "error", text: problemsFromError(error, {}).items.map((item) => item.message).join(" ") });
      });
  }

  return (
    <section aria-labelledby="manage-round-heading" className="section">
      <Title order={2} id="manage-round-heading" ref={heading} tabIndex={-1}>
        Manage the round
      </Title>
      {outcome?.kind === "conflict" ? (
        <div role="alert" className="error-summary conflict">
          <p className="error-summary__title">Someone else changed this round since you opened the page</p>
          <p>{outcome.text}</p>
        </div>
      ) : null}
      {outcome?.kind === "error" ? (
        <div role="alert" className="error-summary">
          <p className="error-summary__title">The round was not changed</p>
          <p>{outcome.text}</p>
        </div>
      ) : null}
      <StatusMessage>{outcome?.kind === "done" ? outcome.text : null}</StatusMessage>
      {next === "close" ? <p>Close it once the returns are in: then no return or value in it can be changed, and it cannot be opened again.</p> : null}
      {next === "publish" ? <p>Publishing lets anyone, signed in or not, read its dashboard, charts and report. It cannot be undone.</p> : null}
      {round.publishedAt ? <p>Published {longDateTime(round.publishedAt)}.</p> : null}
      {next ? (
        <div className="form-actions">
          <Button type="button" onClick={() => setAsking(next)}>
            {asks[next].button}
          </Button>
        </div>
      ) : null}
      <ConfirmDialog
        open={asking === "close"}
        title={asks.close.title(label)}
        confirmLabel={asks.close.confirm}
        cancelLabel={asks.close.cancel}
        pending={moveRound.isPending}
        onConfirm={() => confirm("close")}
        onCancel={() => setAsking(null)}
      >
        <p>No return or value in {label} can be changed once it is closed, and it cannot be opened again.</p>
        <p>{outstandingWords(outstanding)}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={asking === "publish"}
        title={asks.publish.title(label)}
        confirmLabel={asks.publish.confirm}
        cancelLabel={asks.publish.cancel}
        pending={moveRound.isPending}
        onConfirm={() => confirm("publish")}
        onCancel={() => setAsking(null)}
      >
        <p>Anyone, signed in or not, will be able to read the {label} dashboard, charts and performance report. Publishing cannot be undone.</p>
      </ConfirmDialog>
    </section>
  );
}
