/**
 * An indicator's countywide delivery plan (seed 000 §10) on its page: the actions with the
 * overdue ones said to be so, the milestones, the risks with the red ones said to be so, and the
 * signed-up partners who contribute. Flags are words beside the colour, never colour alone. The
 * accountable officer and managers edit the whole plan in one form, sending the version they read.
 */
import { useId, useRef, useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { Button, Checkbox, NativeSelect, Table, Textarea, TextInput, Title } from "@mantine/core";
import { deliveryActionStatuses } from "@accord/domain";
import { staleVersion } from "../../api/client";
import { ErrorSummary, StatusMessage, problemsFromError, type FieldInfo, type Problems } from "../../components/FormProblems";
import { ErrorState } from "../../components/ErrorState";
import { Flag } from "../../components/Flag";
import { Loading } from "../../components/Loading";
import { ScrollRegion } from "../../components/ScrollRegion";
import { longDate } from "../../words";
import { DeliveryPlanContent, type DeliveryPlanView, type SaveDeliveryPlanBody } from "./contracts";
import { deliveryPlanQuery, useSaveDeliveryPlan } from "./queries";
import { summaryWords } from "./words";

const statusWords: Record<(typeof deliveryActionStatuses)[number], string> = {
  "not started": "Not started",
  "on track": "On track",
  behind: "Behind",
  complete: "Complete",
};


function PlanTables({ view, plan }: { view: DeliveryPlanView; plan: DeliveryPlanContent }) {
  const actionsCaption = useId();
  const milestonesCaption = useId();
  const risksCaption = useId();
  return (
    <>
      {plan.source ? <p className="small">{plan.source}</p> : null}
      <p>
        Progress as at {longDate(plan.progressAsAt)}: {summaryWords(plan.summary)}.
      </p>
      <Title order={3}>Actions</Title>
      {plan.actions.length === 0 ? (
        <p>No actions yet.</p>
      ) : (
        <ScrollRegion labelledBy={actionsCaption}>
          <Table withTableBorder captionSide="top">
            <Table.Caption id={actionsCaption}>Actions of the {view.indicator} delivery plan</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Action</Table.Th>
                <Table.Th scope="col">Owning organisation</Table.Th>
                <Table.Th scope="col">Officer</Table.Th>
                <Table.Th scope="col">Start</Table.Th>
                <Table.Th scope="col">Due</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Complete</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.actions.map((action, index) => (
                <Table.Tr key={index}>
                  <Table.Th scope="row">{action.what}</Table.Th>
                  <Table.Td>{action.organisationName}</Table.Td>
                  <Table.Td>{action.officer ?? "Not named"}</Table.Td>
                  <Table.Td>{action.startDate ? longDate(action.startDate) : "Not set"}</Table.Td>
                  <Table.Td>{longDate(action.dueDate)}</Table.Td>
                  <Table.Td>
                    {statusWords[action.status]}
                    {action.overdue ? (
                      <>
                        {" "}
                        <Flag tone="red">Overdue</Flag> <span className="small">due before {longDate(plan.progressAsAt)} and not complete</span>
                      </>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{action.percentComplete}%</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
      <Title order={3}>Milestones</Title>
      {plan.milestones.length === 0 ? (
        <p>No milestones yet.</p>
      ) : (
        <ScrollRegion labelledBy={milestonesCaption}>
          <Table withTableBorder captionSide="top">
            <Table.Caption id={milestonesCaption}>Milestones of the {view.indicator} delivery plan</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Milestone</Table.Th>
                <Table.Th scope="col">Date</Table.Th>
                <Table.Th scope="col">Met</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.milestones.map((milestone, index) => (
                <Table.Tr key={index}>
                  <Table.Th scope="row">{milestone.what}</Table.Th>
                  <Table.Td>{longDate(milestone.date)}</Table.Td>
                  <Table.Td>{milestone.met ? "Met" : "Not met"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
      <Title order={3}>Risks</Title>
      {plan.risks.length === 0 ? (
        <p>No risks recorded.</p>
      ) : (
        <ScrollRegion labelledBy={risksCaption}>
          <Table withTableBorder captionSide="top">
            <Table.Caption id={risksCaption}>
              Risks of the {view.indicator} delivery plan, scored likelihood × impact (1 to 5 each); {view.redRiskScore} or more is red
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Risk</Table.Th>
                <Table.Th scope="col">Likelihood</Table.Th>
                <Table.Th scope="col">Impact</Table.Th>
                <Table.Th scope="col">Score</Table.Th>
                <Table.Th scope="col">Mitigation</Table.Th>
                <Table.Th scope="col">Owner</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.risks.map((risk, index) => (
                <Table.Tr key={index}>
                  <Table.Th scope="row">{risk.description}</Table.Th>
                  <Table.Td>{risk.likelihood}</Table.Td>
                  <Table.Td>{risk.impact}</Table.Td>
                  <Table.Td>
                    {risk.score} {risk.red ? <Flag tone="red">Red risk</Flag> : null}
                  </Table.Td>
                  <Table.Td>{risk.mitigation ?? "None recorded"}</Table.Td>
                  <Table.Td>{risk.owner ?? "Not named"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
      <Title order={3}>Contributing partners</Title>
      {plan.contributors.length === 0 ? <p>No contributing partners chosen yet.</p> : <p>{plan.contributors.map((one) => one.name).join(", ")}</p>}
      <p className="small">
        Last changed by {plan.updatedBy}.
      </p>
    </>
  );
}

type Draft = SaveDeliveryPlanBody;

function draftOf(plan: DeliveryPlanContent | null, today: string): Draft {
  if (!plan) return { progressAsAt: today, actions: [], milestones: [], risks: [], contributors: [] };
  return {
    progressAsAt: plan.progressAsAt,
    actions: plan.actions.map(({ what, organisation, officer, startDate, dueDate, status, percentComplete }) => ({ what, organisation, officer, startDate, dueDate, status, percentComplete })),
    milestones: plan.milestones.map(({ what, date, met }) => ({ what, date, met })),
    risks: plan.risks.map(({ description, likelihood, impact, mitigation, owner }) => ({ description, likelihood, impact, mitigation, owner })),
    contributors: plan.contributors.map((one) => one.organisation),
    version: plan.version,
  };
}

const scores = ["1", "2", "3", "4", "5"];

function PlanForm({ slug, view, onDone }: { slug: string; view: DeliveryPlanView; onDone: (message: string) => void }) {
  const save = useSaveDeliveryPlan(slug, view.key);
  const base = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(view.plan, new Date().toISOString().slice(0, 10)));
  const [problems, setProblems] = useState<Problems | null>(null);
  const [conflict, setConflict] = useState<boolean>(false);
  const formRef = useRef<HTMLFormElement>(null);
  const id = (field: string) => `${base}-${field.replace(/\./g, "-")}`;
  const owners = view.signedUpPartners.map((partner) => ({ value: partner.organisation, label: partner.name }));

  const fields: Record<string, FieldInfo> = { progressAsAt: { id: id("progressAsAt"), label: "Progress as at" }, version: { id: id("progressAsAt"), label: "The plan" } };
  draft.actions.forEach((_, index) => {
    const n = index + 1;
    for (const [name, label] of Object.entries({ what: "what", organisation: "owning organisation", officer: "officer", startDate: "start date", dueDate: "due date", status: "status", percentComplete: "% complete" })) {
      fields[`actions.${index}.${name}`] = { id: id(`actions.${index}.${name}`), label: `Action ${n}'s ${label}` };
    }
  });
  draft.milestones.forEach((_, index) => {
    for (const [name, label] of Object.entries({ what: "what", date: "date", met: "met" })) fields[`milestones.${index}.${name}`] = { id: id(`milestones.${index}.${name}`), label: `Milestone ${index + 1}'s ${label}` };
  });
  draft.risks.forEach((_, index) => {
    for (const [name, label] of Object.entries({ description: "description", likelihood: "likelihood", impact: "impact", mitigation: "mitigation", owner: "owner" })) {
      fields[`risks.${index}.${name}`] = { id: id(`risks.${index}.${name}`), label: `Risk ${index + 1}'s ${label}` };
    }
  });
  view.signedUpPartners.forEach((_, index) => (fields[`contributors.${index}`] = { id: id("contributors"), label: "Contributing partners" }));

  const err = (field: string) => problems?.byField[field];
  const contributorsError = problems ? Object.entries(problems.byField).find(([field]) => field.startsWith("contributors"))?.[1] : undefined;
  const setAction = (index: number, change: Partial<Draft["actions"][number]>) =>
    setDraft((now) => ({ ...now, actions: now.actions.map((action, at) => (at === index ? { ...action, ...change } : action)) }));
  const setMilestone = (index: number, change: Partial<Draft["milestones"][number]>) =>
    setDraft((now) => ({ ...now, milestones: now.milestones.map((milestone, at) => (at === index ? { ...milestone, ...change } : milestone)) }));
  const setRisk = (index: number, change: Partial<Draft["risks"][number]>) =>
    setDraft((now) => ({ ...now, risks: now.risks.map((risk, at) => (at === index ? { ...risk, ...change } : risk)) }));
  const without = <T,>(list: T[], index: number) => list.filter((_, at) => at !== index);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const blank = (text: string | null) => (text === null || text.trim() === "" ? null : text.trim());
    const body: Draft = {
      ...draft,
      actions: draft.actions.map((action) => ({ ...action, officer: blank(action.officer), startDate: blank(action.startDate) })),
      risks: draft.risks.map((risk) => ({ ...risk, mitigation: blank(risk.mitigation), owner: blank(risk.owner) })),
    };
    save.mutate(body, {
      onSuccess: () => {
        setProblems(null);
        setConflict(false);
        onDone(`The ${view.indicator} delivery plan is saved.`);
      },
      onError: (error) => {
        const stale = staleVersion(error, DeliveryPlanContent);
        if (stale !== null) {
          // Keep what was typed; take the version now current so saving again is deliberate.
          if (stale !== "unknown") setDraft((now) => ({ ...now, version: stale.version }));
          setConflict(true);
          setProblems(null);
          return;
        }
        setProblems(problemsFromError(error, fields));
      },
    });
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="delivery-plan-form" aria-label={`Edit the ${view.indicator} delivery plan`}>
      {conflict ? (
        <div role="alert" className="error-summary conflict">
          <p className="error-summary__title">Someone else changed this delivery plan since you opened it</p>
          <p>Your changes are still in the form: look at the plan above once it has been read again, then save again to replace it with yours.</p>
        </div>
      ) : null}
      <ErrorSummary problems={problems} />
      <TextInput
        id={fields.progressAsAt?.id}
        type="date"
        label="Progress as at"
        description="An action due before this date and not complete is overdue"
        value={draft.progressAsAt}
        onChange={(event) => setDraft({ ...draft, progressAsAt: event.currentTarget.value })}
        error={err("progressAsAt")}
        required
      />
      <Title order={3}>Actions</Title>
      {draft.actions.map((action, index) => (
        <fieldset key={index} className="delivery-plan-form__row">
          <legend>Action {index + 1}</legend>
          <Textarea id={id(`actions.${index}.what`)} label="What" autosize minRows={1} value={action.what} onChange={(event) => setAction(index, { what: event.currentTarget.value })} error={err(`actions.${index}.what`)} required />
          <div className="form-row">
            <NativeSelect id={id(`actions.${index}.organisation`)} label="Owning organisation" data={owners} value={action.organisation} onChange={(event) => setAction(index, { organisation: event.currentTarget.value })} error={err(`actions.${index}.organisation`)} required />
            <TextInput id={id(`actions.${index}.officer`)} label="Officer (optional)" autoComplete="off" value={action.officer ?? ""} onChange={(event) => setAction(index, { officer: event.currentTarget.value })} error={err(`actions.${index}.officer`)} />
          </div>
          <div className="form-row">
            <TextInput id={id(`actions.${index}.startDate`)} type="date" label="Start date (optional)" value={action.startDate ?? ""} onChange={(event) => setAction(index, { startDate: event.currentTarget.value })} error={err(`actions.${index}.startDate`)} />
            <TextInput id={id(`actions.${index}.dueDate`)} type="date" label="Due date" value={action.dueDate} onChange={(event) => setAction(index, { dueDate: event.currentTarget.value })} error={err(`actions.${index}.dueDate`)} required />
          </div>
          <div className="form-row">
            <NativeSelect
              id={id(`actions.${index}.status`)}
              label="Status"
              data={deliveryActionStatuses.map((status) => ({ value: status, label: statusWords[status] }))}
              value={action.status}
              onChange={(event) => {
                const status = event.currentTarget.value as Draft["actions"][number]["status"];
                setAction(index, status === "complete" ? { status, percentComplete: 100 } : { status });
              }}
              error={err(`actions.${index}.status`)}
              required
            />
            <TextInput
              id={id(`actions.${index}.percentComplete`)}
              label="% complete"
              description="0 to 100"
              inputMode="numeric"
              autoComplete="off"
              value={String(action.percentComplete)}
              onChange={(event) => {
                const text = event.currentTarget.value.trim();
                setAction(index, { percentComplete: /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN });
              }}
              error={err(`actions.${index}.percentComplete`)}
              required
            />
          </div>
          <Button type="button" variant="default" onClick={() => setDraft({ ...draft, actions: without(draft.actions, index) })}>
            Remove action {index + 1}
          </Button>
        </fieldset>
      ))}
      <Button
        type="button"
        variant="default"
        disabled={owners.length === 0}
        onClick={() =>
          setDraft({ ...draft, actions: [...draft.actions, { what: "", organisation: owners[0]?.value ?? "", officer: null, startDate: null, dueDate: draft.progressAsAt, status: "not started", percentComplete: 0 }] })
        }
      >
        Add an action
      </Button>
      <Title order={3}>Milestones</Title>
      {draft.milestones.map((milestone, index) => (
        <fieldset key={index} className="delivery-plan-form__row">
          <legend>Milestone {index + 1}</legend>
          <Textarea id={id(`milestones.${index}.what`)} label="What" autosize minRows={1} value={milestone.what} onChange={(event) => setMilestone(index, { what: event.currentTarget.value })} error={err(`milestones.${index}.what`)} required />
          <div className="form-row">
            <TextInput id={id(`milestones.${index}.date`)} type="date" label="Date" value={milestone.date} onChange={(event) => setMilestone(index, { date: event.currentTarget.value })} error={err(`milestones.${index}.date`)} required />
            <Checkbox id={id(`milestones.${index}.met`)} size="md" label="Met" checked={milestone.met} onChange={(event) => setMilestone(index, { met: event.currentTarget.checked })} />
          </div>
          <Button type="button" variant="default" onClick={() => setDraft({ ...draft, milestones: without(draft.milestones, index) })}>
            Remove milestone {index + 1}
          </Button>
        </fieldset>
      ))}
      <Button type="button" variant="default" onClick={() => setDraft({ ...draft, milestones: [...draft.milestones, { what: "", date: draft.progressAsAt, met: false }] })}>
        Add a milestone
      </Button>
      <Title order={3}>Risks</Title>
      {draft.risks.map((risk, index) => (
        <fieldset key={index} className="delivery-plan-form__row">
          <legend>Risk {index + 1}</legend>
          <Textarea id={id(`risks.${index}.description`)} label="Description" autosize minRows={1} value={risk.description} onChange={(event) => setRisk(index, { description: event.currentTarget.value })} error={err(`risks.${index}.description`)} required />
          <div className="form-row">
            <NativeSelect id={id(`risks.${index}.likelihood`)} label="Likelihood (1 to 5)" data={scores} value={String(risk.likelihood)} onChange={(event) => setRisk(index, { likelihood: Number(event.currentTarget.value) })} error={err(`risks.${index}.likelihood`)} required />
            <NativeSelect id={id(`risks.${index}.impact`)} label="Impact (1 to 5)" data={scores} value={String(risk.impact)} onChange={(event) => setRisk(index, { impact: Number(event.currentTarget.value) })} error={err(`risks.${index}.impact`)} required />
          </div>
          <Textarea id={id(`risks.${index}.mitigation`)} label="Mitigation (optional)" autosize minRows={1} value={risk.mitigation ?? ""} onChange={(event) => setRisk(index, { mitigation: event.currentTarget.value })} error={err(`risks.${index}.mitigation`)} />
          <TextInput id={id(`risks.${index}.owner`)} label="Owner (optional)" autoComplete="off" value={risk.owner ?? ""} onChange={(event) => setRisk(index, { owner: event.currentTarget.value })} error={err(`risks.${index}.owner`)} />
          <Button type="button" variant="default" onClick={() => setDraft({ ...draft, risks: without(draft.risks, index) })}>
            Remove risk {index + 1}
          </Button>
        </fieldset>
      ))}
      <Button type="button" variant="default" onClick={() => setDraft({ ...draft, risks: [...draft.risks, { description: "", likelihood: 1, impact: 1, mitigation: null, owner: null }] })}>
        Add a risk
      </Button>
      <fieldset className="checkbox-fieldset" id={id("contributors")} tabIndex={-1} aria-describedby={contributorsError ? id("contributors-error") : undefined}>
        <legend>Contributing partners</legend>
        <p className="small">Only organisations signed up to {view.indicator} may be chosen.</p>
        {contributorsError ? (
          <p id={id("contributors-error")} className="field-error">
            {contributorsError}
          </p>
        ) : null}
        <div className="checkbox-grid">
          {view.signedUpPartners.map((partner) => (
            <Checkbox
              key={partner.organisation}
              size="md"
              label={partner.name}
              checked={draft.contributors.includes(partner.organisation)}
              onChange={(event) => {
                const checked = event.currentTarget.checked;
                setDraft((now) => ({
                  ...now,
                  contributors: checked ? [...now.contributors, partner.organisation] : now.contributors.filter((one) => one !== partner.organisation),
                }));
              }}
            />
          ))}
        </div>
      </fieldset>
      <div className="form-actions">
        <Button type="submit" loading={save.isPending}>
          Save the delivery plan
        </Button>
        <Button type="button" variant="default" onClick={() => onDone("")}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

export function DeliveryPlan({ slug, indicatorKey, code }: { slug: string; indicatorKey: string; code: string }) {
  const query = useQuery(deliveryPlanQuery(slug, indicatorKey));
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState("");
  const editButton = useRef<HTMLButtonElement>(null);
  return (
    <section aria-labelledby="delivery-plan-heading" className="section">
      <Title order={2} id="delivery-plan-heading">
        Countywide delivery plan
      </Title>
      {query.isPending ? <Loading label="Loading the delivery plan…" /> : null}
      {query.isError ? <ErrorState error={query.error} what="the delivery plan" /> : null}
      {query.data ? (
        <>
          {query.data.plan ? <PlanTables view={query.data} plan={query.data.plan} /> : <p>{code} has no delivery plan yet.</p>}
          <StatusMessage>{message}</StatusMessage>
          {query.data.mayEdit && !editing ? (
            <Button
              ref={editButton}
              onClick={() => {
                setMessage("");
                setEditing(true);
              }}
            >
              {query.data.plan ? "Edit the delivery plan" : "Write the delivery plan"}
            </Button>
          ) : null}
          {query.data.mayEdit && editing ? (
            <PlanForm
              slug={slug}
              view={query.data}
              onDone={(said) => {
                setEditing(false);
                setMessage(said);
                // Back to the button that opened the form, once it is drawn again.
                requestAnimationFrame(() => editButton.current?.focus());
              }}
            />
          ) : null}
        </>
      ) : null}
    </section>
  );
}
