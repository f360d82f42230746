/**
 * The indicator page's chart (issue 9 point 5): actuals against the trajectory and targets, with
 * the districts beside the county, once the indicator has values the reader may see. Drawn from
 * the same options the report uses (domain trajectoryChart).
 */
import { Link } from "@tanstack/react-router";
import { useQuery } from "@tanstack/react-query";
import { Title } from "@mantine/core";
import { type IndicatorPerformanceView, trajectoryChart } from "@accord/domain";
import { indicatorPerformanceQuery } from "./queries";
import { agreementQuery } from "../agreements/queries";
import { Chart } from "./Chart";
import { DirectionText, Figure, IllustrativeNotice, PerformanceFlag, ProgressMeter, plannedFigure } from "./parts";

function chartOf(view: IndicatorPerformanceView, code: string, countyName: string) {
  const names = [...new Map(view.periods.flatMap((period) => period.districts.map((district) => [district.area, district.name] as const))).entries()];
  return trajectoryChart({
    code,
    title: view.title,
    unit: view.unit,
    trajectory: view.trajectory,
    targets: view.targets,
    actuals: view.periods.map((period) => ({ period: period.period, end: period.end, value: period.actual, planned: plannedFigure(period.planned) })),
    districts: names.map(([area, name]) => ({
      name,
      values: view.periods.map((period) => ({ end: period.end, value: period.districts.find((district) => district.area === area)?.value ?? null })),
    })),
    countyName,
  });
}

export function IndicatorPerformance({ slug, indicatorKey, code }: { slug: string; indicatorKey: string; code: string }) {
  const performance = useQuery(indicatorPerformanceQuery(slug, indicatorKey));
  const agreement = useQuery(agreementQuery(slug));
  const countyName = agreement.data?.area.name ?? "County";
  const view = performance.data;
  // No values yet (or none the reader may see): the page says nothing rather than an empty chart.
  if (!view || !view.periods.some((period) => period.actual !== null)) return null;
  const latest = [...view.periods].reverse().find((period) => period.actual !== null);
  return (
    <section aria-labelledby="performance-heading" className="section" data-testid="indicator-performance">
      <Title order={2} id="performance-heading">
        Performance
      </Title>
      <IllustrativeNotice text={view.illustrative} />
      {latest ? (
        <dl className="facts">
          <div>
            <dt>Latest value</dt>
            <dd>
              <Figure value={latest.actual} unit={view.unit} /> ({latest.period})
            </dd>
          </div>
          <div>
            <dt>Planned</dt>
            <dd>
              <Figure value={plannedFigure(latest.planned)} unit={view.unit} />
            </dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd data-testid="indicator-status">
              <PerformanceFlag status={latest.status} />
            </dd>
          </div>
          <div>
            <dt>Progress to target</dt>
            <dd>
              <ProgressMeter progress={latest.progress} label={`${code} progress to target`} />
            </dd>
          </div>
          <div>
            <dt>Direction</dt>
            <dd>
              <DirectionText direction={latest.direction} />
            </dd>
          </div>
        </dl>
      ) : null}
      <Chart spec={chartOf(view, code, countyName)} height={420} />
      <p>
        <Link to="/agreements/$slug/indicators/$key/districts" params={{ slug, key: indicatorKey }}>
          {code} by district: the 12 districts ranked
        </Link>
      </p>
    </section>
  );
}
