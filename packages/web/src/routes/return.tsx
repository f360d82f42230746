/**
 * One indicator's return in a monitoring round (seed 000 §11): the values, county and districts
 * (numerator and denominator for a rate), and the text update (progress, issues and risks, next
 * actions, the officer's own view of the status), then submitted. The manager accepts it or
 * returns it with a comment; an LSP coordinator gives their own district's values. Every write
 * sends the version read: a change made meanwhile is shown with what it now is, and what was
 * typed stays in the form.
 */
import { useState, type FormEvent } from "react";
import { createRoute, Link } from "@tanstack/react-router";
import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { Button, NativeSelect, Table, Textarea, TextInput, Title } from "@mantine/core";
import { type AreaView, componentLabel, longDate, ObservationView, type PerformanceStatus, performanceStatuses, quantityText, type ReturnValue, ReturnView } from "@accord/domain";
import { rootRoute } from "./root";
import { agreementQuery } from "../features/agreements/queries";
import { agreementIndicatorQuery } from "../features/indicators/queries";
import { areasQuery } from "../features/reference/queries";
import { observationsQuery, returnQuery } from "../features/performance/queries";
import { useMoveReturn, useRecordValue, useSaveReturn, useSubmitDistrict, type RecordValueBody } from "../features/performance/writes";
import { IllustrativeNotice, PerformanceFlag, ReturnFlag, illustrativeMarker, performanceStatusWords, returnStatusWords } from "../features/performance/parts";
import { exactDecimal } from "../features/indicators/BaselineEditor";
import { ApiRequestError, staleVersion } from "../api/client";
import { ErrorSummary, StatusMessage, problemsFromError, useFields, type ProblemItem, type Problems } from "../components/FormProblems";
import { Breadcrumbs } from "../components/Breadcrumbs";
import { ScrollRegion } from "../components/ScrollRegion";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { longDateTime } from "../words";

interface ValueCells {
  value: string;
  numerator: string;
  denominator: string;
}

interface ValueRow {
  area: AreaView;
  component: string;
  current: ReturnValue | undefined;
  editable: boolean;
}

const rowKey = (area: string, component: string) => `${area}|${component}`;
const cellId = (prefix: string, key: string, part: keyof ValueCells) => `${prefix}-${key.replace(/[^A-Za-z0-9]/g, "-")}-${part}`;

function cellsOf(observation: ObservationView | undefined): ValueCells {
  return { value: observation?.value ?? "", numerator: observation?.numerator ?? "", denominator: observation?.denominator ?? "" };
}

function changed(cells: ValueCells, current: ObservationView | undefined): boolean {
  const before = cellsOf(current);
  return cells.value.trim() !== before.value || cells.numerator.trim() !== before.numerator || cells.denominator.trim() !== before.denominator;
}

/** "It is now 1010 (recorded by … on …)": what a value became while the form was open. */
function valueNow(observation: ObservationView, unit: string | null): string {
  return `${quantityText(observation.value, unit)}, recorded by ${observation.recordedBy} on ${longDateTime(observation.recordedAt)}`;
}

function ReturnPage() {
  const { slug, round, key } = returnRoute.useParams();
  const { data: agreement } = useSuspenseQuery(agreementQuery(slug));
  const { data: view } = useSuspenseQuery(returnQuery(slug, round, key));
  const { data: indicator } = useSuspenseQuery(agreementIndicatorQuery(slug, key));
  const areas = useQuery(areasQuery());
  const observations = useQuery(observationsQuery(slug, key));
  useDocumentTitle(`${view.indicator} return for ${view.round.period.label}`, agreement.shortName);
  // What the manager's decision did, kept here: the decision form goes once the return is no longer submitted.
  const [decision, setDecision] = useState<Outcome | null>(null);

  const county = (areas.data?.areas ?? []).find((area) => area.code === agreement.area.code);
  const districts = (areas.data?.areas ?? []).filter((area) => area.kind === "district" && area.parent === agreement.area.code);
  const rate = observations.data?.aggregation === "ratio";
  const fromBaselines = indicator.baselines.map((baseline) => baseline.component);
  const components = [...new Set([...(fromBaselines.length > 0 ? fromBaselines : ["all"]), ...view.values.map((value) => value.component)])];
  const unlocked = view.status !== "submitted" && view.status !== "accepted" && view.round.status === "open";
  const rows: ValueRow[] = [];
  for (const component of components) {
    for (const area of [...(county ? [county] : []), ...districts]) {
      const current = view.values.find((value) => value.area === area.code && value.component === component);
      const editable = unlocked && (area.code === agreement.area.code ? view.may.edit : view.may.edit || view.may.recordDistrict.includes(area.code));
      rows.push({ area, component, current, editable });
    }
  }

  return (
    <>
      <Breadcrumbs>
        <Link to="/">Agreements</Link>
        <Link to="/agreements/$slug" params={{ slug }}>
          {agreement.name}
        </Link>
        <Link to="/agreements/$slug/rounds/$round" params={{ slug, round }}>
          Returns for {view.round.period.label}
        </Link>
        <span aria-current="page">{view.indicator}</span>
      </Breadcrumbs>
      <header className="page-heading">
        <p className="kicker">Return for {view.round.period.label}</p>
        <IllustrativeNotice text={view.values.some((value) => value.source === illustrativeMarker) ? illustrativeMarker : null} />
        <Title order={1}>
          {view.indicator} {view.title}
        </Title>
        <dl className="facts">
          <div>
            <dt>Return</dt>
            <dd data-testid="return-status">
              <ReturnFlag status={view.status} />
            </dd>
          </div>
          <div>
            <dt>Status from the values</dt>
            <dd>
              <PerformanceFlag status={view.computedStatus} />
            </dd>
          </div>
          <div>
            <dt>Officer&apos;s view</dt>
            <dd>{view.selfAssessedStatus ? <PerformanceFlag status={view.selfAssessedStatus} /> : <span className="muted">Not given</span>}</dd>
          </div>
          <div>
            <dt>Due</dt>
            <dd>{longDate(view.round.dueDate)}</dd>
          </div>
          {view.submittedAt ? (
            <div>
              <dt>Submitted</dt>
              <dd>
                {longDateTime(view.submittedAt)}
                {view.submittedBy ? ` by ${view.submittedBy}` : ""}
              </dd>
            </div>
          ) : null}
          {view.decidedAt ? (
            <div>
              <dt>Decided</dt>
              <dd>
                {longDateTime(view.decidedAt)}
                {view.decidedBy ? ` by ${view.decidedBy}` : ""}
              </dd>
            </div>
          ) : null}
        </dl>
        <p>
          <Link to="/agreements/$slug/indicators/$key" params={{ slug, key }}>
            {view.indicator}&apos;s page, with its chart
          </Link>
        </p>
        {view.managerComment ? (
          <div className={view.status === "returned" ? "error-summary" : "status-message status-message--info"}>
            <p className="error-summary__title">{view.status === "returned" ? "Returned for changes" : "The manager's comment"}</p>
            <p>{view.managerComment}</p>
          </div>
        ) : null}
      </header>
      {decision?.kind === "conflict" ? (
        <div role="alert" className="error-summary conflict">
          <p className="error-summary__title">Someone else changed this return since you opened it</p>
          <p>{decision.text}</p>
        </div>
      ) : null}
      {decision?.kind === "error" ? (
        <div role="alert" className="error-summary">
          <p className="error-summary__title">The return was not changed</p>
          <p>{decision.text}</p>
        </div>
      ) : null}
      <StatusMessage>{decision?.kind === "done" ? decision.text : null}</StatusMessage>
      <ReturnForm key={`${view.round.key}-${view.key}`} slug={slug} view={view} rows={rows} rate={rate} unit={indicator.unit} loadingAreas={areas.isPending} />
      {view.may.decide && view.status === "submitted" ? <DecisionForm slug={slug} view={view} onOutcome={setDecision} /> : null}
    </>
  );
}

function ReturnForm({ slug, view, rows, rate, unit, loadingAreas }: { slug: string; view: ReturnView; rows: ValueRow[]; rate: boolean; unit: string | null; loadingAreas: boolean }) {
  const round = view.round.key;
  const recordValue = useRecordValue(slug, view.key);
  const saveReturn = useSaveReturn(slug, round, view.key);
  const moveReturn = useMoveReturn(slug, round, view.key);
  const submitDistrict = useSubmitDistrict(slug, round, view.key);
  const [cells, setCells] = useState<Record<string, ValueCells>>({});
  const [versions, setVersions] = useState<Record<string, number>>({});
  const [progress, setProgress] = useState(view.progress ?? "");
  const [issues, setIssues] = useState(view.issuesAndRisks ?? "");
  const [nextActions, setNextActions] = useState(view.nextActions ?? "");
  const [selfAssessed, setSelfAssessed] = useState<PerformanceStatus | "">(view.selfAssessedStatus ?? "");
  const [version, setVersion] = useState<number | null>(view.version);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [conflicts, setConflicts] = useState<string[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = useFields({ progress: "Progress", issuesAndRisks: "Issues and risks", nextActions: "Next actions", selfAssessedStatus: "Your view of the status" });
  const prefix = useFields({ cells: "values" }).cells.id;
  const editableRows = rows.filter((row) => row.editable);
  const mayWrite = view.may.edit && view.round.status === "open" && view.status !== "submitted" && view.status !== "accepted";
  const myDistricts = view.may.recordDistrict.filter((code) => !view.may.edit);
  const cellsFor = (row: ValueRow) => cells[rowKey(row.area.code, row.component)] ?? cellsOf(row.current);
  const setCell = (row: ValueRow, part: keyof ValueCells, text: string) =>
    setCells((previous) => ({ ...previous, [rowKey(row.area.code, row.component)]: { ...cellsFor(row), [part]: text } }));

  /** Checks the changed values; sends each; a value someone else changed meanwhile is named with what it is now. */
  async function saveValues(): Promise<{ problems: ProblemItem[]; conflicts: string[] }> {
    const found: ProblemItem[] = [];
    const stale: string[] = [];
    const bodies: { row: ValueRow; body: RecordValueBody }[] = [];
    for (const row of editableRows) {
      const typed = cellsFor(row);
      if (!changed(typed, row.current)) continue;
      const key = rowKey(row.area.code, row.component);
      const name = `${row.area.name}${row.component !== "all" ? ` (${componentLabel(row.component)})` : ""}`;
      const value = exactDecimal(typed.value);
      const numerator = typed.numerator.trim() === "" ? undefined : exactDecimal(typed.numerator);
      const denominator = typed.denominator.trim() === "" ? undefined : exactDecimal(typed.denominator);
      if (typed.value.trim() === "") {
        found.push({ message: `Enter ${name}'s value.`, fieldId: cellId(prefix, key, "value") });
        continue;
      }
      if (value === null) {
        found.push({ message: `${name}'s value “${typed.value.trim()}” is not a number: write it with digits, such as 1183 or 9.6.`, fieldId: cellId(prefix, key, "value") });
        continue;
      }
      if (numerator === null || denominator === null) {
        const part = numerator === null ? "numerator" : "denominator";
        found.push({ message: `${name}'s ${part} is not a number: write it with digits.`, fieldId: cellId(prefix, key, part) });
        continue;
      }
      const knownVersion = versions[key] ?? row.current?.version;
      bodies.push({
        row,
        body: {
          period: view.round.period.label,
          area: row.area.code,
          component: row.component,
          value,
          ...(numerator !== undefined ? { numerator } : {}),
          ...(denominator !== undefined ? { denominator } : {}),
          ...(knownVersion !== undefined ? { version: knownVersion } : {}),
        },
      });
    }
    if (found.length > 0) return { problems: found, conflicts: [] };
    for (const { row, body } of bodies) {
      const key = rowKey(row.area.code, row.component);
      try {
        const answer = await recordValue.mutateAsync(body);
        setVersions((previous) => ({ ...previous, [key]: answer.version }));
      } catch (error) {
        const current = staleVersion(error, ObservationView);
        if (current !== null) {
          if (current !== "unknown") setVersions((previous) => ({ ...previous, [key]: current.version }));
          stale.push(
            current === "unknown"
              ? `${row.area.name}'s value was changed by someone else. Reload the page to see it.`
              : `${row.area.name}'s value is now ${valueNow(current, unit)}. Your figure ${body.value} is still in the form: save again to replace it.`,
          );
          continue;
        }
        const message = error instanceof ApiRequestError ? error.message : String(error);
        found.push({ message: `${row.area.name}: ${message}`, fieldId: cellId(prefix, key, "value") });
      }
    }
    return { problems: found, conflicts: stale };
  }

  async function send(submit: boolean) {
    setBusy(true);
    setSaved(null);
    setConflicts([]);
    try {
      const values = await saveValues();
      if (values.problems.length > 0 || values.conflicts.length > 0) {
        setProblems(values.problems.length > 0 ? { items: values.problems, byField: {} } : null);
        setConflicts(values.conflicts);
        return;
      }
      let current = version;
      if (mayWrite) {
        try {
          const answer = await saveReturn.mutateAsync({
            progress: progress.trim(),
            issuesAndRisks: issues.trim(),
            nextActions: nextActions.trim(),
            selfAssessedStatus: selfAssessed === "" ? null : selfAssessed,
            ...(current !== null ? { version: current } : {}),
          });
          current = answer.version;
          setVersion(answer.version);
        } catch (error) {
          const stale = staleReturn(error);
          if (stale !== null) {
            if (stale !== "unknown") setVersion(stale.version);
            setConflicts([conflictWords(stale)]);
            setProblems(null);
            return;
          }
          setProblems(problemsFromError(error, fields));
          return;
        }
      }
      if (submit) {
        try {
          if (mayWrite) {
            await moveReturn.mutateAsync({ move: "submit", version: current });
            setSaved(`The ${view.indicator} return for ${view.round.period.label} is submitted. The partnership office will review it.`);
          } else {
            for (const code of myDistricts) await submitDistrict.mutateAsync(code);
            setSaved(`Your district's values for ${view.indicator} are submitted.`);
          }
        } catch (error) {
          const stale = staleReturn(error);
          if (stale !== null) {
            if (stale !== "unknown") setVersion(stale.version);
            setConflicts([conflictWords(stale)]);
            return;
          }
          setProblems(problemsFromError(error, fields));
          return;
        }
      } else {
        setSaved(mayWrite ? `The draft of the ${view.indicator} return is saved.` : "Your values are saved.");
      }
      setProblems(null);
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    void send(submitter?.getAttribute("value") === "submit");
  }

  const canSubmit = (mayWrite && view.may.submit) || myDistricts.length > 0;
  const anyWritable = mayWrite || editableRows.length > 0;

  return (
    <form onSubmit={onSubmit} noValidate className="return-form" aria-labelledby="values-heading">
      {conflicts.length > 0 ? (
        <div role="alert" className="error-summary conflict">
          <p className="error-summary__title">Someone else changed this return since you opened it</p>
          <ul>
            {conflicts.map((conflict, index) => (
              <li key={index}>{conflict}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <ErrorSummary problems={problems} />
      <StatusMessage>{saved}</StatusMessage>
      <section aria-labelledby="values-heading" className="section">
        <Title order={2} id="values-heading">
          Values for {view.round.period.label}
        </Title>
        {!unlockedText(view) ? null : <p className="small">{unlockedText(view)}</p>}
        {loadingAreas ? <p>Loading the districts…</p> : null}
        <ScrollRegion label={`Values for ${view.round.period.label}`}>
          <Table withTableBorder className="value-grid">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Area</Table.Th>
                <Table.Th scope="col">Value</Table.Th>
                {rate ? <Table.Th scope="col">Numerator</Table.Th> : null}
                {rate ? <Table.Th scope="col">Denominator</Table.Th> : null}
                <Table.Th scope="col">Recorded</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => {
                const key = rowKey(row.area.code, row.component);
                const typed = cellsFor(row);
                const name = `${row.area.name}${row.component !== "all" ? ` ${componentLabel(row.component)}` : ""}`;
                const input = (part: keyof ValueCells, label: string) => (
                  <TextInput
                    id={cellId(prefix, key, part)}
                    aria-label={`${name} ${label}`}
                    inputMode="decimal"
                    autoComplete="off"
                    value={typed[part]}
                    onChange={(event) => setCell(row, part, event.currentTarget.value)}
                  />
                );
                return (
                  <Table.Tr key={key} data-area={row.area.code}>
                    <Table.Th scope="row">
                      {row.area.name}
                      {row.component !== "all" ? <span className="small"> ({componentLabel(row.component)})</span> : null}
                    </Table.Th>
                    <Table.Td>{row.editable ? input("value", "value") : row.current ? quantityText(row.current.value, unit) : <span className="muted">No value</span>}</Table.Td>
                    {rate ? <Table.Td>{row.editable ? input("numerator", "numerator") : (row.current?.numerator ?? "")}</Table.Td> : null}
                    {rate ? <Table.Td>{row.editable ? input("denominator", "denominator") : (row.current?.denominator ?? "")}</Table.Td> : null}
                    <Table.Td className="small">
                      {row.current ? `${row.current.recordedBy}, ${longDateTime(row.current.recordedAt)}` : ""}
                      {row.current?.submittedAt ? ` (submitted ${longDateTime(row.current.submittedAt)})` : ""}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      </section>
      <section aria-labelledby="update-heading" className="section">
        <Title order={2} id="update-heading">
          Text update
        </Title>
        {mayWrite ? (
          <>
            <Textarea id={fields.progress.id} label={fields.progress.label} description="What has been achieved in the period" autosize minRows={3} value={progress} onChange={(event) => setProgress(event.currentTarget.value)} error={problems?.byField.progress} />
            <Textarea id={fields.issuesAndRisks.id} label={fields.issuesAndRisks.label} autosize minRows={3} value={issues} onChange={(event) => setIssues(event.currentTarget.value)} error={problems?.byField.issuesAndRisks} />
            <Textarea id={fields.nextActions.id} label={fields.nextActions.label} autosize minRows={3} value={nextActions} onChange={(event) => setNextActions(event.currentTarget.value)} error={problems?.byField.nextActions} />
            <NativeSelect
              id={fields.selfAssessedStatus.id}
              label={fields.selfAssessedStatus.label}
              description="Shown beside the status worked out from the values"
              value={selfAssessed}
              onChange={(event) => setSelfAssessed(event.currentTarget.value as PerformanceStatus | "")}
              data={[{ value: "", label: "Not given" }, ...performanceStatuses.map((status) => ({ value: status, label: performanceStatusWords[status] }))]}
              error={problems?.byField.selfAssessedStatus}
            />
          </>
        ) : (
          <dl className="facts">
            <div>
              <dt>Progress</dt>
              <dd>{view.progress ?? <span className="muted">Not written</span>}</dd>
            </div>
            <div>
              <dt>Issues and risks</dt>
              <dd>{view.issuesAndRisks ?? <span className="muted">Not written</span>}</dd>
            </div>
            <div>
              <dt>Next actions</dt>
              <dd>{view.nextActions ?? <span className="muted">Not written</span>}</dd>
            </div>
          </dl>
        )}
      </section>
      {anyWritable ? (
        <div className="form-actions">
          <Button type="submit" value="save" variant="outline" loading={busy}>
            {mayWrite ? "Save the draft" : "Save the values"}
          </Button>
          {canSubmit ? (
            <Button type="submit" value="submit" loading={busy}>
              {mayWrite ? "Submit the return" : "Submit your district's values"}
            </Button>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}

/** A 409's return as it now stands ("unknown" when it cannot be read), or null for any other error. */
function staleReturn(error: unknown): ReturnView | "unknown" | null {
  if (!(error instanceof ApiRequestError) || !error.conflict) return null;
  const current = ReturnView.safeParse(error.current);
  return current.success ? current.data : "unknown";
}

function unlockedText(view: ReturnView): string | null {
  if (view.round.status !== "open") return "The round is closed: the values can no longer be changed.";
  if (view.status === "submitted") return "The return is submitted: its values are locked until the manager accepts it or returns it for changes.";
  if (view.status === "accepted") return "The return is accepted: its values are locked.";
  return null;
}

function conflictWords(current: ReturnView | "unknown"): string {
  if (current === "unknown") return "The return was changed. Reload the page to see it, then make your change again.";
  const who = current.updatedBy ? ` by ${current.updatedBy}` : "";
  const when = current.updatedAt ? ` on ${longDateTime(current.updatedAt)}` : "";
  const progress = current.progress ? ` Its progress now reads “${current.progress}”.` : "";
  return `It is now ${returnStatusWords[current.status].toLowerCase()}, last changed${who}${when}.${progress} What you typed is still in the form: review it and save again.`;
}

interface Outcome {
  kind: "done" | "conflict" | "error";
  text: string;
}

function DecisionForm({ slug, view, onOutcome }: { slug: string; view: ReturnView; onOutcome: (outcome: Outcome | null) => void }) {
  const moveReturn = useMoveReturn(slug, view.round.key, view.key);
  const [comment, setComment] = useState("");
  const [problems, setProblems] = useState<Problems | null>(null);
  const fields = useFields({ comment: "Comment" });

  function decide(move: "accept" | "return") {
    if (move === "return" && comment.trim() === "") {
      setProblems({ items: [{ message: "Say what needs changing before returning it.", fieldId: fields.comment.id }], byField: { comment: "Say what needs changing before returning it." } });
      return;
    }
    // mutateAsync, not mutate's callbacks: the refresh after the decision takes this form away
    // (the return is no longer submitted), and a removed form's callbacks are never called.
    moveReturn
      .mutateAsync({ move, version: view.version, comment: comment.trim() })
      .then(() => {
        setProblems(null);
        onOutcome({
          kind: "done",
          text: move === "accept" ? `The ${view.indicator} return is accepted.` : `The ${view.indicator} return is returned to its officer with your comment.`,
        });
      })
      .catch((error: unknown) => {
        const stale = staleReturn(error);
        if (stale !== null) {
          onOutcome({ kind: "conflict", text: conflictWords(stale) });
          return;
        }
        // Shown on the page, not in this form: the refresh that follows may take the form away.
        onOutcome({ kind: "error", text: problemsFromError(error, fields).items.map((item) => item.message).join(" ") });
      });
  }

  return (
    <section aria-labelledby="decision-heading" className="section">
      <Title order={2} id="decision-heading">
        Accept or return it
      </Title>
      <ErrorSummary problems={problems} />
      <form
        noValidate
        aria-labelledby="decision-heading"
        onSubmit={(event) => {
          event.preventDefault();
          const submitter = (event.nativeEvent as SubmitEvent).submitter;
          decide(submitter?.getAttribute("value") === "return" ? "return" : "accept");
        }}
      >
        <Textarea
          id={fields.comment.id}
          label={fields.comment.label}
          description="Needed when returning it: say what needs changing"
          autosize
          minRows={2}
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
          error={problems?.byField.comment}
        />
        <div className="form-actions">
          <Button type="submit" value="accept" loading={moveReturn.isPending}>
            Accept the return
          </Button>
          <Button type="submit" value="return" variant="outline" loading={moveReturn.isPending}>
            Return it for changes
          </Button>
        </div>
      </form>
    </section>
  );
}

export const returnRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/agreements/$slug/rounds/$round/returns/$key",
  loader: ({ context, params }) =>
    Promise.all([
      context.queryClient.ensureQueryData(agreementQuery(params.slug)),
      context.queryClient.ensureQueryData(returnQuery(params.slug, params.round, params.key)),
      context.queryClient.ensureQueryData(agreementIndicatorQuery(params.slug, params.key)),
    ]),
  component: ReturnPage,
});
