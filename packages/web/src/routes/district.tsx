import { createRoute, Link } from "@tanstack/react-router";
import { useSuspenseQuery } from "@tanstack/react-query";
import { Title } from "@mantine/core";
import type { AgreementDetailView, AgreementIndicatorView } from "@accord/domain";
import { rootRoute } from "./root";
import { Breadcrumbs } from "../components/Breadcrumbs";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { agreementQuery } from "../features/agreements/queries";
import { localActionPlanQuery } from "../features/districts/queries";
import { PlanEditor } from "../features/districts/PlanEditor";
import { CatalogueCodeLink, IndicatorTitle } from "../features/indicators/IndicatorParts";
import { usePermissions } from "../features/permissions/queries";

function indicatorsOf(agreement: AgreementDetailView): AgreementIndicatorView[] {
  const seen = new Set<string>();
  return agreement.themes
    .flatMap((theme) => [...theme.indicators, ...theme.outcomes.flatMap((outcome) => outcome.indicators)])
    .filter((indicator) => {
      if (seen.has(indicator.key)) return false;
      seen.add(indicator.key);
      return true;
    });
}

function DistrictPage() {
  const { slug, code } = districtRoute.useParams();
  const { data: agreement } = useSuspenseQuery(agreementQuery(slug));
  const { data: plan } = useSuspenseQuery(localActionPlanQuery(slug, code));
  const permissions = usePermissions(slug);
  useDocumentTitle(`${plan.district.name} local action plan`, agreement.shortName);
  const indicators = indicatorsOf(agreement);
  const supported = plan.supportedIndicators.map((key) => indicators.find((indicator) => indicator.key === key) ?? null);
  const mayEdit = permissions?.editLocalActionPlan.includes(code) ?? false;
  const editable = indicators.filter((indicator) => indicator.state === "active" || plan.supportedIndicators.includes(indicator.key));

  return (
    <>
      <Breadcrumbs>
        <Link to="/">Agreements</Link>
        <Link to="/agreements/$slug" params={{ slug }}>
          {agreement.name}
        </Link>
        <span aria-current="page">{plan.district.name} local action plan</span>
      </Breadcrumbs>
      <header className="page-heading">
        <p className="kicker">{agreement.name}</p>
        <Title order={1}>{plan.district.name} local action plan</Title>
        <dl className="facts">
          <div>
            <dt>District</dt>
            <dd>
              {plan.district.name} ({plan.district.code})
            </dd>
          </div>
          <div>
            <dt>Local Strategic Partnership</dt>
            <dd>{plan.district.lsp ?? "Not recorded"}</dd>
          </div>
        </dl>
        <p>
          <Link to="/agreements/$slug/districts/$code/performance" params={{ slug, code }}>
            {plan.district.name} across every indicator, against {agreement.area.name}
          </Link>
        </p>
      </header>
      <section aria-labelledby="summary-heading" className="section">
        <Title order={2} id="summary-heading">
          Summary
        </Title>
        {plan.summary.trim() !== "" ? <p className="plan-summary">{plan.summary}</p> : <p>No plan has been written for {plan.district.name} yet.</p>}
      </section>
      <section aria-labelledby="supported-heading" className="section">
        <Title order={2} id="supported-heading">
          Indicators the district supports
        </Title>
        {supported.length > 0 ? (
          <ul className="plain-list supported-list">
            {supported.map((indicator, index) =>
              indicator ? (
                <li key={indicator.key}>
                  <CatalogueCodeLink indicator={indicator} />{" "}
                  <Link to="/agreements/$slug/indicators/$key" params={{ slug, key: indicator.key }} className="indicator-link">
                    <IndicatorTitle indicator={indicator} />
                  </Link>
                </li>
              ) : (
                <li key={`unknown-${index}`}>{plan.supportedIndicators[index]}</li>
              ),
            )}
          </ul>
        ) : (
          <p>None chosen yet.</p>
        )}
      </section>
      {mayEdit ? <PlanEditor key={`${slug}-${code}`} slug={slug} plan={plan} indicators={editable} /> : null}
    </>
  );
}

export const districtRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/agreements/$slug/districts/$code",
  loader: ({ context, params }) =>
    Promise.all([context.queryClient.ensureQueryData(agreementQuery(params.slug)), context.queryClient.ensureQueryData(localActionPlanQuery(params.slug, params.code))]),
  component: DistrictPage,
});
