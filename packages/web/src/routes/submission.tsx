import { useId, useState } from "react";
import { createRoute, Link } from "@tanstack/react-router";
import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { Button, TextInput, Title } from "@mantine/core";
import type { SubmissionCheckView } from "@accord/domain";
import { rootRoute } from "./root";
import { agreementQuery } from "../features/agreements/queries";
import { negotiationOverviewQuery, submissionCheckQuery, submissionFileUrl, useSubmitAgreement } from "../features/workflow/queries";
import { usePermissions } from "../features/permissions/queries";
import { ApiRequestError } from "../api/client";
import { Breadcrumbs } from "../components/Breadcrumbs";
import { ErrorState } from "../components/ErrorState";
import { StatusMessage } from "../components/FormProblems";
import { Loading } from "../components/Loading";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { agreementStatusWords, deadlineWords, longDate, plural } from "../words";

const downloads = [
  { format: "docx", label: "Word document (DOCX)" },
  { format: "xlsx", label: "Spreadsheet (XLSX)" },
  { format: "csv", label: "Comma-separated values (CSV)" },
  { format: "pdf", label: "PDF" },
] as const;

/** A blocker, linked to the indicator (or outcome) where it is put right. */
function ProblemLink({ slug, problem }: { slug: string; problem: SubmissionCheckView["problems"][number] }) {
  if (problem.indicator) {
    return (
      <Link to="/agreements/$slug/indicators/$key" params={{ slug, key: problem.indicator }}>
        {problem.message}
      </Link>
    );
  }
  return problem.outcome !== null ? (
    <Link to="/agreements/$slug/outcomes/$number" params={{ slug, number: String(problem.outcome) }}>
      {problem.message}
    </Link>
  ) : (
    <>{problem.message}</>
  );
}

interface SubmitFailure {
  message: string;
  details: string[];
}

function SubmissionPage() {
  const { slug } = submissionRoute.useParams();
  const { data: agreement } = useSuspenseQuery(agreementQuery(slug));
  const overview = useQuery(negotiationOverviewQuery(slug));
  const check = useQuery(submissionCheckQuery(slug));
  const permissions = usePermissions(slug);
  const submit = useSubmitAgreement(slug);
  const [failure, setFailure] = useState<SubmitFailure | null>(null);
  const [submitted, setSubmitted] = useState<string | null>(null);
  // The files are as at the agreement's latest negotiation entry until another date is chosen.
  const [asAt, setAsAt] = useState(agreement.defaultAsAt);
  const chosenAsAt = /^\d{4}-\d{2}-\d{2}$/.test(asAt) ? asAt : undefined;
  const blockedId = useId();
  // The server refuses while the check finds problems; the button says so before anyone presses it.
  const blocked = !check.data || !check.data.ready;
  useDocumentTitle("Submission", agreement.shortName);

  function submitAgreement() {
    setFailure(null);
    setSubmitted(null);
    submit.mutate(
      { version: agreement.version },
      {
        onSuccess: (result) => setSubmitted(`${agreement.shortName} is submitted to the Government Office (revision ${result.revision}, now “${result.status}”).`),
        onError: (error) =>
          setFailure({
            message: error.message,
            details: error instanceof ApiRequestError ? error.details.map((detail) => (detail.field && !detail.message.startsWith(detail.field) ? `${detail.field}: ${detail.message}` : detail.message)) : [],
          }),
      },
    );
  }

  return (
    <>
      <Breadcrumbs>
        <Link to="/">Agreements</Link>
        <Link to="/agreements/$slug" params={{ slug }}>
          {agreement.name}
        </Link>
        <span aria-current="page">Submission</span>
      </Breadcrumbs>
      <header className="page-heading">
        <Title order={1}>Submission to the Government Office</Title>
        <p className="lead">
          {agreement.name} is {agreementStatusWords[agreement.status].toLowerCase()}. Check what still blocks sign-off, download the submission template, and
          submit.
        </p>
      </header>

      <section aria-labelledby="deadline-heading" className="section">
        <Title order={2} id="deadline-heading">
          Deadline
        </Title>
        {overview.isPending ? <Loading label="Reading the deadline…" /> : null}
        {overview.isError ? <ErrorState error={overview.error} what="the deadline" /> : null}
        {overview.data ? (
          <>
            <p>
              {overview.data.deadline
                ? `${deadlineWords(overview.data.deadline)}.`
                : "There is no deadline ahead."}{" "}
              <strong>{plural(overview.data.open, "indicator")} still open</strong> in the negotiation.
            </p>
            {overview.data.openIndicators.length > 0 ? <p className="small">Still open: {overview.data.openIndicators.join(", ")}</p> : null}
          </>
        ) : null}
      </section>

      <section aria-labelledby="check-heading" className="section">
        <Title order={2} id="check-heading">
          Pre-submission check
        </Title>
        {check.isPending ? <Loading label="Checking the agreement…" /> : null}
        {check.isError ? <ErrorState error={check.error} what="the pre-submission check" /> : null}
        {check.data ? (
          check.data.ready ? (
            <p>Nothing blocks sign-off as at {longDate(check.data.asAt)}.</p>
          ) : (
            <>
              <p>
                As at {longDate(check.data.asAt)}, {plural(check.data.problems.length, "problem")} block sign-off:
              </p>
              <ul className="submission-problems">
                {check.data.problems.map((problem, index) => (
                  <li key={index}>
                    <ProblemLink slug={slug} problem={problem} />
                  </li>
                ))}
              </ul>
            </>
          )
        ) : null}
      </section>

      <section aria-labelledby="template-heading" className="section">
        <Title order={2} id="template-heading">
          Submission template
        </Title>
        <TextInput
          type="date"
          className="as-at-input"
          label="As at"
          description={`The negotiation status in the files is the position on this date; left empty, ${longDate(agreement.defaultAsAt)}, the latest entry in the negotiation log.`}
          value={asAt}
          onChange={(event) => setAsAt(event.currentTarget.value)}
        />
        <p>
          As at {longDate(chosenAsAt ?? agreement.defaultAsAt)}, grouped by theme, with the columns of the Government Office's template.
        </p>
        <ul className="inline-list">
          {downloads.map((download) => (
            <li key={download.format}>
              <a href={submissionFileUrl(slug, download.format, chosenAsAt)} download>
                Download as {download.label}
              </a>
            </li>
          ))}
          <li>
            <a href={submissionFileUrl(slug, "html", chosenAsAt)}>Printable page</a>
          </li>
        </ul>
      </section>

      {permissions?.update ? (
        <section aria-labelledby="submit-heading" className="section">
          <Title order={2} id="submit-heading">
            Submit
          </Title>
          <p>Submitting freezes a revision of the agreement. It is refused while the check above finds problems.</p>
          <StatusMessage>{submitted}</StatusMessage>
          {failure ? (
            <div role="alert" className="error-summary">
              <p className="error-summary__title">{failure.message}</p>
              {failure.details.length > 0 ? (
                <ul>
                  {failure.details.map((detail, index) => (
                    <li key={index}>{detail}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          <Button onClick={submitAgreement} loading={submit.isPending} disabled={blocked} aria-describedby={blocked ? blockedId : undefined}>
            Submit to the Government Office
          </Button>
          {blocked ? (
            <p id={blockedId} className="small">
              {check.data
                ? `Submitting waits until the pre-submission check finds nothing: ${plural(check.data.problems.length, "problem blocks", "problems block")} sign-off.`
                : "Submitting waits for the pre-submission check."}
            </p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

export const submissionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/agreements/$slug/submission",
  loader: ({ context, params }) => context.queryClient.ensureQueryData(agreementQuery(params.slug)),
  component: SubmissionPage,
});
