import { Fragment, useEffect, useId, useRef, useState } from "react";
import { createRoute, Link } from "@tanstack/react-router";
import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { Button, NativeSelect, TextInput, Title, VisuallyHidden } from "@mantine/core";
import { statutoryDutyText, type SignUpRole } from "@accord/domain";
import { rootRoute } from "./root";
import { agreementQuery } from "../features/agreements/queries";
import { signUpMatrixQuery, useSignUpToAll, useWithdrawFromAll } from "../features/workflow/queries";
import { usePermissions } from "../features/permissions/queries";
import { organisationsQuery } from "../features/reference/queries";
import type { SignUpMatrixView } from "../api/contracts";
import { Breadcrumbs } from "../components/Breadcrumbs";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { ErrorSummary, problemsFromError, useFields, type Problems } from "../components/FormProblems";
import { Flag } from "../components/Flag";
import { ScrollRegion } from "../components/ScrollRegion";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { plural } from "../words";
import { SignUpAnnouncement } from "../features/indicators/SignUpPanel";

const roleCell: Record<SignUpRole, string> = { lead: "Lead*", statutory: "Statutory", "non-statutory": "Non-statutory" };
type MatrixIndicator = SignUpMatrixView["indicators"][number];

interface MatrixFilters {
  organisation: string;
  theme: string;
  withoutLead: boolean;
}

/** Consecutive indicators of one theme, for the header row that names the theme above its codes. */
function themeRuns(indicators: MatrixIndicator[]): { theme: string; count: number }[] {
  const runs: { theme: string; count: number }[] = [];
  for (const indicator of indicators) {
    const last = runs.at(-1);
    if (last && last.theme === indicator.theme) last.count += 1;
    else runs.push({ theme: indicator.theme, count: 1 });
  }
  return runs;
}

function Matrix({ slug, matrix, agreementName }: { slug: string; matrix: SignUpMatrixView; agreementName: string }) {
  const captionId = useId();
  const [filters, setFilters] = useState<MatrixFilters>({ organisation: "", theme: "", withoutLead: false });
  const withoutLead = matrix.indicators.filter((indicator) => !indicator.hasLead);
  const themes = [...new Set(matrix.indicators.map((indicator) => indicator.theme))];
  const needle = filters.organisation.trim().toLocaleLowerCase("en-GB");
  const indicators = matrix.indicators.filter((indicator) => (filters.theme === "" || indicator.theme === filters.theme) && (!filters.withoutLead || !indicator.hasLead));
  const organisations = matrix.organisations.filter((organisation) => needle === "" || organisation.name.toLocaleLowerCase("en-GB").includes(needle));
  const filtered = filters.organisation !== "" || filters.theme !== "" || filters.withoutLead;

  return (
    <>
      <p>
        Each cell is the role the organisation has signed up to for the indicator: lead partner (marked *), statutory partner or non-statutory partner.{" "}
        {withoutLead.length > 0 ? (
          <strong>
            {plural(withoutLead.length, "indicator has", "indicators have")} no lead partner yet: {withoutLead.map((indicator) => indicator.code).join(", ")}.
          </strong>
        ) : (
          "Every indicator has a lead partner."
        )}
      </p>
      <div className="filters" role="group" aria-label="Filter the sign-up table">
        <TextInput label="Organisation" description="Part of its name" value={filters.organisation} onChange={(event) => setFilters({ ...filters, organisation: event.currentTarget.value })} />
        <NativeSelect
          label="Theme"
          value={filters.theme}
          onChange={(event) => setFilters({ ...filters, theme: event.currentTarget.value })}
          data={[{ value: "", label: "Every theme" }, ...themes.map((theme) => ({ value: theme, label: theme }))]}
        />
        <NativeSelect
          label="Indicators"
          value={filters.withoutLead ? "without-lead" : ""}
          onChange={(event) => setFilters({ ...filters, withoutLead: event.currentTarget.value === "without-lead" })}
          data={[
            { value: "", label: "Every indicator" },
            { value: "without-lead", label: "Only those without a lead partner" },
          ]}
        />
        {filtered ? (
          <Button variant="subtle" onClick={() => setFilters({ organisation: "", theme: "", withoutLead: false })}>
            Clear filters
          </Button>
        ) : null}
      </div>
      <p aria-live="polite" aria-atomic="true" className="result-count">
        Showing {plural(organisations.length, "organisation")} of {matrix.organisations.length} and {plural(indicators.length, "indicator")} of {matrix.indicators.length}
      </p>
      {organisations.length === 0 || indicators.length === 0 ? (
        <p>Nothing matches these filters.</p>
      ) : (
        <ScrollRegion labelledBy={captionId} tall>
          <table className="workflow-table sign-up-matrix">
            <caption id={captionId}>Partner sign-up to the indicators of {agreementName}: organisations by indicators</caption>
            <thead>
              <tr className="sign-up-matrix__themes">
                <td />
                {themeRuns(indicators).map((run, index) => (
                  <th scope="colgroup" colSpan={run.count} key={`${run.theme}-${index}`}>
                    {run.theme}
                  </th>
                ))}
              </tr>
              <tr className="sign-up-matrix__codes">
                <th scope="col">Organisation</th>
                {indicators.map((indicator) => (
                  <th scope="col" key={indicator.key}>
                    <Link to="/indicators/$key" params={{ key: indicator.key }} title={`${indicator.title} (catalogue entry)`}>
                      {indicator.code}
                      <VisuallyHidden component="span">: {indicator.title}, catalogue entry</VisuallyHidden>
                    </Link>
                    {indicator.hasLead ? null : (
                      <>
                        {" "}
                        <Flag tone="amber">No lead</Flag>
                      </>
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {organisations.map((organisation) => (
                <tr key={organisation.slug}>
                  <th scope="row">
                    {organisation.name}
                    {organisation.statutory ? <span className="small muted"> (statutory partner)</span> : null}
                  </th>
                  {indicators.map((indicator) => {
                    const role = organisation.signUps[indicator.key];
                    return <td key={indicator.key}>{role ? roleCell[role] : ""}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}

/** The codes of a list, written out in the confirmation so nobody signs up to what they cannot see. */
function Codes({ codes }: { codes: string[] }) {
  return (
    <p className="confirm-dialog__codes">
      {codes.map((code, index) => (
        <Fragment key={code}>
          {index > 0 ? ", " : null}
          {code}
        </Fragment>
      ))}
      .
    </p>
  );
}

/**
 * "Sign up to all 35" (seed 000 §9) and its undo. Signing up a statutory partner gives it a duty
 * to have regard to every one of those targets, so both ask first, with the count and the duty.
 */
function SignUpToAll({ slug, matrix, signUpFor }: { slug: string; matrix: SignUpMatrixView; signUpFor: string[] }) {
  const organisations = useQuery(organisationsQuery());
  const signUp = useSignUpToAll(slug);
  const withdraw = useWithdrawFromAll(slug);
  const fields = useFields({ organisation: "Organisation", role: "Sign up as" });
  const [chosen, setChosen] = useState(signUpFor[0] ?? "");
  const [asking, setAsking] = useState<"sign-up" | "withdraw" | null>(null);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [result, setResult] = useState<{ text: string; duty: string | null } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const signUpReason = useId();
  const withdrawReason = useId();
  const bySlug = new Map(matrix.organisations.map((organisation) => [organisation.slug, organisation]));
  const nameOf = (organisationSlug: string) =>
    bySlug.get(organisationSlug)?.name ?? organisations.data?.organisations.find((organisation) => organisation.slug === organisationSlug)?.name ?? organisationSlug;
  const name = nameOf(chosen);
  const row = bySlug.get(chosen);
  // An organisation with no sign-up yet is not in the matrix: whether it is statutory comes from the register.
  const statutory = organisations.data?.organisations.find((organisation) => organisation.slug === chosen)?.statutory ?? row?.statutory ?? false;
  const role = statutory ? "statutory" : "non-statutory";
  const designated = matrix.indicators.filter((indicator) => indicator.kind === "designated");
  const signedTo = (indicator: MatrixIndicator) => row?.signUps[indicator.key];
  const toSign = designated.filter((indicator) => signedTo(indicator) === undefined);
  const toWithdraw = designated.filter((indicator) => signedTo(indicator) === "statutory" || signedTo(indicator) === "non-statutory");
  const leads = designated.filter((indicator) => signedTo(indicator) === "lead");
  const single = signUpFor.length === 1;

  // After a confirmed change focus goes to this section's heading, above the result. An effect, not a
  // timer: the dialog (a child) hands focus back to its opener in its own effect, which React runs
  // first in the same commit, so the heading always wins however slow the machine is.
  useEffect(() => {
    if (result) heading.current?.focus();
  }, [result]);

  function done(text: string, duty: string | null) {
    setProblems(null);
    setAsking(null);
    setResult({ text, duty });
  }

  function confirmSignUp() {
    setResult(null);
    signUp.mutate(
      { organisation: chosen, role },
      {
        onSuccess: (answer) => {
          const signed = answer.signedUp.length > 0 ? `${name} is now signed up to ${plural(answer.signedUp.length, "designated target")} as ${role} partner` : `${name} signed up to no new target`;
          const already = answer.alreadySignedUp.length > 0 ? `; it was already signed up to ${plural(answer.alreadySignedUp.length, "other")}` : "";
          done(`${signed}${already}.`, answer.statutoryDuty);
        },
        onError: (error) => {
          setAsking(null);
          setProblems(problemsFromError(error, fields));
        },
      },
    );
  }

  function confirmWithdrawal() {
    setResult(null);
    withdraw.mutate(chosen, {
      onSuccess: (answer) => {
        const kept = answer.keptAsLead.length > 0 ? ` Its lead sign-ups stay (${answer.keptAsLead.join(", ")}).` : "";
        done(`${name} has withdrawn from ${plural(answer.withdrawn.length, "designated target")}.${kept}`, null);
      },
      onError: (error) => {
        setAsking(null);
        setProblems(problemsFromError(error, fields));
      },
    });
  }

  return (
    <section aria-labelledby="sign-up-all-heading" className="section">
      <Title order={2} id="sign-up-all-heading" ref={heading} tabIndex={-1}>
        {single ? `Sign ${name} up to all designated targets` : "Sign an organisation up to all designated targets"}
      </Title>
      <p>
        {statutory
          ? `${name} is named in the 2007 Act, so it signs up as a statutory partner, with a duty to have regard to each target.`
          : `${name} signs up as a non-statutory partner.`}{" "}
        It is signed up to {designated.length - toSign.length} of the {plural(designated.length, "designated target")}.
      </p>
      <SignUpAnnouncement announcement={result} />
      <ErrorSummary problems={problems} />
      <div className="inline-form">
        {single ? null : (
          <NativeSelect
            id={fields.organisation.id}
            label={fields.organisation.label}
            value={chosen}
            onChange={(event) => setChosen(event.currentTarget.value)}
            data={signUpFor.map((organisationSlug) => ({ value: organisationSlug, label: nameOf(organisationSlug) })).sort((a, b) => a.label.localeCompare(b.label, "en-GB"))}
            error={problems?.byField.organisation}
          />
        )}
        <Button type="button" disabled={toSign.length === 0} aria-describedby={toSign.length === 0 ? signUpReason : undefined} onClick={() => setAsking("sign-up")}>
          Sign up to all designated targets…
        </Button>
        <Button type="button" variant="outline" disabled={toWithdraw.length === 0} aria-describedby={toWithdraw.length === 0 ? withdrawReason : undefined} onClick={() => setAsking("withdraw")}>
          Withdraw from all designated targets…
        </Button>
      </div>
      {toSign.length === 0 ? (
        <p id={signUpReason} className="small">
          {name} is already signed up to every designated target.
        </p>
      ) : null}
      {toWithdraw.length === 0 ? (
        <p id={withdrawReason} className="small">
          {name} has no statutory or non-statutory sign-up to withdraw{leads.length > 0 ? "; lead sign-ups are withdrawn on each indicator's page" : ""}.
        </p>
      ) : null}

      <ConfirmDialog
        open={asking === "sign-up"}
        title={`Sign ${name} up to ${plural(toSign.length, "designated target")}?`}
        confirmLabel={`Yes, sign ${name} up to ${plural(toSign.length, "target")}`}
        cancelLabel="Cancel"
        pending={signUp.isPending}
        onConfirm={confirmSignUp}
        onCancel={() => setAsking(null)}
      >
        <p>
          {name} will be signed up as {role} partner to:
        </p>
        <Codes codes={toSign.map((indicator) => indicator.code)} />
        {statutory ? (
          <p className="statutory-duty">
            <strong>Duty to have regard:</strong> {statutoryDutyText} It applies to each of the {plural(toSign.length, "target")} above.
          </p>
        ) : null}
        {designated.length > toSign.length ? <p>The {plural(designated.length - toSign.length, "target")} it is already signed up to stay as they are.</p> : null}
        <p>You can withdraw afterwards, from all of them at once or one at a time.</p>
      </ConfirmDialog>

      <ConfirmDialog
        open={asking === "withdraw"}
        title={`Withdraw ${name} from ${plural(toWithdraw.length, "designated target")}?`}
        confirmLabel={`Yes, withdraw ${name} from ${plural(toWithdraw.length, "target")}`}
        cancelLabel="Keep the sign-ups"
        pending={withdraw.isPending}
        onConfirm={confirmWithdrawal}
        onCancel={() => setAsking(null)}
      >
        <p>{name} will no longer be a supporting partner of:</p>
        <Codes codes={toWithdraw.map((indicator) => indicator.code)} />
        {leads.length > 0 ? (
          <p>
            Its lead sign-ups stay ({leads.map((indicator) => indicator.code).join(", ")}): an indicator needs a lead partner, so a lead withdraws on the indicator's own page.
          </p>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}

function SignUpsPage() {
  const { slug } = signUpsRoute.useParams();
  const { data: agreement } = useSuspenseQuery(agreementQuery(slug));
  const { data: matrix } = useSuspenseQuery(signUpMatrixQuery(slug));
  const permissions = usePermissions(slug);
  const signUpFor = permissions?.signUpFor ?? [];
  useDocumentTitle("Partner sign-up", agreement.shortName);

  return (
    <>
      <Breadcrumbs>
        <Link to="/">Agreements</Link>
        <Link to="/agreements/$slug" params={{ slug }}>
          {agreement.name}
        </Link>
        <span aria-current="page">Partner sign-up</span>
      </Breadcrumbs>
      <header className="page-heading">
        <Title order={1}>Partner sign-up</Title>
        <p className="lead">Which partner has signed up to which target, and as what. Each indicator needs a lead partner before the agreement is submitted.</p>
      </header>
      {signUpFor.length > 0 ? <SignUpToAll slug={slug} matrix={matrix} signUpFor={signUpFor} /> : null}
      <section aria-labelledby="matrix-heading" className="section">
        <Title order={2} id="matrix-heading">
          Organisations and indicators
        </Title>
        <Matrix slug={slug} matrix={matrix} agreementName={agreement.name} />
      </section>
    </>
  );
}

export const signUpsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/agreements/$slug/sign-ups",
  loader: async ({ context, params }) => {
    await Promise.all([context.queryClient.ensureQueryData(agreementQuery(params.slug)), context.queryClient.ensureQueryData(signUpMatrixQuery(params.slug))]);
  },
  component: SignUpsPage,
});
