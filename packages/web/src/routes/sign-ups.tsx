import { useId, useRef, useState, type FormEvent } from "react";
import { createRoute, Link } from "@tanstack/react-router";
import { useSuspenseQuery } from "@tanstack/react-query";
import { Button, NativeSelect, Title } from "@mantine/core";
import type { SignUpRole } from "@accord/domain";
import { rootRoute } from "./root";
import { agreementQuery } from "../features/agreements/queries";
import { signUpMatrixQuery, useSignUpToAll } from "../features/workflow/queries";
import { usePermissions } from "../features/permissions/queries";
import type { SignUpMatrixView } from "../api/contracts";
import { Breadcrumbs } from "../components/Breadcrumbs";
import { ErrorSummary, problemsFromError, useFields, type Problems } from "../components/FormProblems";
import { Flag } from "../components/Flag";
import { ScrollRegion } from "../components/ScrollRegion";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { plural } from "../words";
import { SignUpAnnouncement } from "../features/indicators/SignUpPanel";

const roleCell: Record<SignUpRole, string> = { lead: "Lead*", statutory: "Statutory", "non-statutory": "Non-statutory" };

function Matrix({ slug, matrix, agreementName }: { slug: string; matrix: SignUpMatrixView; agreementName: string }) {
  const captionId = useId();
  const withoutLead = matrix.indicators.filter((indicator) => !indicator.hasLead);
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
      <ScrollRegion labelledBy={captionId}>
        <table className="workflow-table sign-up-matrix">
          <caption id={captionId}>Partner sign-up to the indicators of {agreementName}: organisations by indicators</caption>
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              {matrix.indicators.map((indicator) => (
                <th scope="col" key={indicator.key}>
                  <Link to="/agreements/$slug/indicators/$key" params={{ slug, key: indicator.key }}>
                    {indicator.code}
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
            {matrix.organisations.map((organisation) => (
              <tr key={organisation.slug}>
                <th scope="row">
                  {organisation.name}
                  {organisation.statutory ? <span className="small muted"> (statutory partner)</span> : null}
                </th>
                {matrix.indicators.map((indicator) => {
                  const role = organisation.signUps[indicator.key];
                  return <td key={indicator.key}>{role ? roleCell[role] : ""}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}

function SignUpToAll({ slug, matrix, signUpFor }: { slug: string; matrix: SignUpMatrixView; signUpFor: string[] }) {
  const signUp = useSignUpToAll(slug);
  const fields = useFields({ organisation: "Organisation", role: "Sign up as" });
  const [chosen, setChosen] = useState(signUpFor[0] ?? "");
  const [problems, setProblems] = useState<Problems | null>(null);
  const [result, setResult] = useState<{ text: string; duty: string | null } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const bySlug = new Map(matrix.organisations.map((organisation) => [organisation.slug, organisation]));
  const nameOf = (organisationSlug: string) => bySlug.get(organisationSlug)?.name ?? organisationSlug;
  const statutory = bySlug.get(chosen)?.statutory ?? false;
  const role = statutory ? "statutory" : "non-statutory";
  const single = signUpFor.length === 1;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setResult(null);
    signUp.mutate(
      { organisation: chosen, role },
      {
        onSuccess: (answer) => {
          setProblems(null);
          const signed = answer.signedUp.length > 0 ? `${nameOf(chosen)} is now signed up to ${plural(answer.signedUp.length, "designated target")} as ${role} partner` : `${nameOf(chosen)} signed up to no new target`;
          const already = answer.alreadySignedUp.length > 0 ? `; it was already signed up to ${plural(answer.alreadySignedUp.length, "other")}` : "";
          setResult({ text: `${signed}${already}.`, duty: answer.statutoryDuty });
          requestAnimationFrame(() => heading.current?.focus());
        },
        onError: (error) => setProblems(problemsFromError(error, fields)),
      },
    );
  }

  return (
    <section aria-labelledby="sign-up-all-heading" className="section">
      <Title order={2} id="sign-up-all-heading" ref={heading} tabIndex={-1}>
        {single ? `Sign ${nameOf(chosen)} up to all designated targets` : "Sign an organisation up to all designated targets"}
      </Title>
      <p>
        {statutory
          ? `${nameOf(chosen)} is named in the 2007 Act, so it signs up as a statutory partner, with a duty to have regard to each target.`
          : `${nameOf(chosen)} signs up as a non-statutory partner.`}{" "}
        Targets it is already signed up to are left as they are.
      </p>
      <SignUpAnnouncement announcement={result} />
      <ErrorSummary problems={problems} />
      <form onSubmit={submit} noValidate className="inline-form" aria-labelledby="sign-up-all-heading">
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
        <Button type="submit" loading={signUp.isPending}>
          Sign up to all designated targets
        </Button>
      </form>
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
