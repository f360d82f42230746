import { createRoute, Link } from "@tanstack/react-router";
import { TemplateKey } from "../components/Key";
import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { areasQuery } from "../features/reference/queries";
import { Title } from "@mantine/core";
import type { AgreementDetailView, AgreementIndicatorView, ThemeView } from "@accord/domain";
import { rootRoute } from "./root";
import { agreementQuery } from "../features/agreements/queries";
import { AgreementHeading } from "../features/agreements/AgreementHeading";
import { PositionSummary } from "../features/negotiation/PositionSummary";
import { IndicatorFilters } from "../features/indicators/IndicatorFilters";
import { ThemeIndicatorTable } from "../features/indicators/ThemeIndicatorTable";
import { agreementIndicatorListQuery, type IndicatorFilters as Filters } from "../features/indicators/queries";
import { OutcomeSummaryList } from "../features/outcomes/OutcomeParts";
import { ErrorState } from "../components/ErrorState";
import { Loading } from "../components/Loading";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { InPageLink } from "../components/InPageLink";
import { plural } from "../words";
import { usePermissions } from "../features/permissions/queries";

export interface AgreementSearch {
  theme?: string;
  status?: string;
  partner?: string;
  asAt?: string;
}

function text(value: unknown): string | undefined {
  if (typeof value === "number") return String(value);
  return typeof value === "string" && value !== "" ? value : undefined;
}

function validateAgreementSearch(search: Record<string, unknown>): AgreementSearch {
  const result: AgreementSearch = {};
  const theme = text(search.theme);
  const status = text(search.status);
  const partner = text(search.partner);
  const asAt = text(search.asAt);
  if (theme) result.theme = theme;
  if (status) result.status = status;
  if (partner) result.partner = partner;
  if (asAt) result.asAt = asAt;
  return result;
}

function allIndicators(agreement: AgreementDetailView): AgreementIndicatorView[] {
  return agreement.themes.flatMap((theme) => theme.indicators);
}

/** Indicators grouped under their themes, in the order the agreement lists its themes. */
function groupByTheme(themes: ThemeView[], indicators: AgreementIndicatorView[]): { theme: ThemeView; indicators: AgreementIndicatorView[] }[] {
  return themes
    .map((theme) => ({ theme, indicators: indicators.filter((indicator) => indicator.theme.code === theme.code) }))
    .filter((group) => group.indicators.length > 0);
}

/** The agreement's themes (or blocks) as a list of links, so a long agreement can be crossed in one move. */
function ThemeNav({ items }: { items: { id: string; title: string; count: string }[] }) {
  if (items.length < 2) return null;
  return (
    <nav aria-labelledby="theme-nav-heading" className="theme-nav" id="theme-nav">
      <Title order={2} id="theme-nav-heading" className="theme-nav__title">
        Go to a theme
      </Title>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            <InPageLink targetId={item.id}>
              {item.title}
            </InPageLink>{" "}
            <span className="small muted">({item.count})</span>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function BackToThemes() {
  return (
    <p className="small back-to-themes">
      <InPageLink targetId="theme-nav-heading">
        Back to the list of themes
      </InPageLink>
    </p>
  );
}

function ThemedIndicators({ agreement, filters, onFiltersChange }: { agreement: AgreementDetailView; filters: Filters; onFiltersChange: (filters: Filters) => void }) {
  const filtered = Boolean(filters.theme || filters.status || filters.partner);
  const list = useQuery({ ...agreementIndicatorListQuery(agreement.slug, filters), enabled: filtered });
  const everything = allIndicators(agreement);
  // While a new filter is fetched the previous rows stay on screen, but the count waits for the answer.
  const updating = filtered && list.isPlaceholderData;
  const shown = filtered ? list.data?.indicators : everything;
  const groups = shown ? groupByTheme(agreement.themes, shown) : [];

  return (
    <div className="section">
      <IndicatorFilters agreement={agreement} filters={filters} onChange={onFiltersChange} />
      <p aria-live="polite" aria-atomic="true" className="result-count">
        {shown && !updating ? `Showing ${shown.length} of ${plural(everything.length, "indicator")}` : "Finding indicators…"}
      </p>
      {filtered && list.isPending ? <Loading label="Finding indicators…" /> : null}
      {filtered && list.isError ? <ErrorState error={list.error} what="the indicators" /> : null}
      {shown && shown.length === 0 ? <p>No indicators match these filters.</p> : null}
      <TemplateKey outcomes={false} />
      <ThemeNav items={groups.map(({ theme, indicators }) => ({ id: `theme-${theme.code}`, title: theme.title, count: plural(indicators.length, "indicator") }))} />
      {groups.map(({ theme, indicators }) => (
        <section key={theme.code} className="theme" aria-labelledby={`theme-${theme.code}`}>
          <Title order={2} id={`theme-${theme.code}`} tabIndex={-1}>
            {theme.title}
          </Title>
          {theme.description ? <p>{theme.description}</p> : null}
          <ThemeIndicatorTable slug={agreement.slug} caption={`${theme.title}: indicators, baselines, targets and partners`} years={agreement.years} indicators={indicators} agreementStatus={agreement.status} />
          {groups.length > 1 ? <BackToThemes /> : null}
        </section>
      ))}
    </div>
  );
}

function OutcomeBlocks({ agreement }: { agreement: AgreementDetailView }) {
  return (
    <>
      <TemplateKey outcomes />
      <ThemeNav
        items={agreement.themes.map((block) => ({
          id: `block-${block.code}`,
          title: block.title,
          count: block.outcomes.length > 0 ? plural(block.outcomes.length, "outcome") : plural(block.indicators.length, "indicator"),
        }))}
      />
      {agreement.themes.map((block) => (
        <section key={block.code} className="theme" aria-labelledby={`block-${block.code}`}>
          <Title order={2} id={`block-${block.code}`} tabIndex={-1}>
            {block.title}
          </Title>
          {block.description ? <p>{block.description}</p> : null}
          {block.outcomes.length > 0 ? <OutcomeSummaryList slug={agreement.slug} outcomes={block.outcomes} /> : null}
          {block.indicators.length > 0 ? (
            <ThemeIndicatorTable slug={agreement.slug} caption={`${block.title}: indicators outside the outcomes`} years={agreement.years} indicators={block.indicators} agreementStatus={agreement.status} />
          ) : null}
          {agreement.themes.length > 1 ? <BackToThemes /> : null}
        </section>
      ))}
    </>
  );
}

/** Each district's local action plan (seed 000 §10), written by its LSP coordinator. */
function DistrictPlans({ agreement }: { agreement: AgreementDetailView }) {
  const areas = useQuery(areasQuery());
  const districts = (areas.data?.areas ?? []).filter((area) => area.kind === "district" && area.parent === agreement.area.code);
  if (districts.length === 0) return null;
  return (
    <section aria-labelledby="district-plans-heading" className="section">
      <Title order={2} id="district-plans-heading">
        Local action plans by district
      </Title>
      <ul className="inline-list">
        {districts.map((district) => (
          <li key={district.code}>
            <Link to="/agreements/$slug/districts/$code" params={{ slug: agreement.slug, code: district.code }}>
              {district.name}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AgreementPage() {
  const { slug } = agreementRoute.useParams();
  const search = agreementRoute.useSearch();
  const navigate = agreementRoute.useNavigate();
  const { data: agreement } = useSuspenseQuery(agreementQuery(slug));
  const permissions = usePermissions(slug);
  useDocumentTitle(agreement.name);

  const filters: Filters = { theme: search.theme, status: search.status, partner: search.partner };
  // Until a date is chosen, the position as at the latest negotiation entry (decided by the server).
  const asAt = search.asAt ?? agreement.defaultAsAt;

  function setFilters(next: Filters) {
    void navigate({
      search: (previous) => validateAgreementSearch({ ...previous, theme: next.theme, status: next.status, partner: next.partner }),
      replace: true,
      resetScroll: false,
    });
  }

  function setAsAt(next: string) {
    void navigate({ search: (previous) => validateAgreementSearch({ ...previous, asAt: next }), replace: true, resetScroll: false });
  }

  return (
    <>
      <AgreementHeading agreement={agreement} />
      <nav aria-label="Agreement work" className="agreement-nav">
        <ul className="inline-list">
          <li>
            <Link to="/agreements/$slug/performance" params={{ slug }}>
              Performance
            </Link>
          </li>
          <li>
            <Link to="/agreements/$slug/submission" params={{ slug }}>
              Submission
            </Link>
          </li>
          <li>
            <Link to="/agreements/$slug/sign-ups" params={{ slug }}>
              Partner sign-up
            </Link>
          </li>
          <li>
            <Link to="/agreements/$slug/bulletins" params={{ slug }}>
              Bulletins
            </Link>
          </li>
          <li>
            <Link to="/agreements/$slug/data-dictionary" params={{ slug }}>
              Open data
            </Link>
          </li>
          <li>
            <Link to="/agreements/$slug/reward" params={{ slug }}>
              Performance Reward Grant
            </Link>
          </li>
          <li>
            <Link to="/agreements/$slug/consultation-diary" params={{ slug }}>
              Consultation diary
            </Link>
          </li>
          <li>
            <Link to="/agreements/$slug/funding-streams" params={{ slug }}>
              Funding streams
            </Link>
          </li>
          {permissions?.update ? (
            <li>
              <Link to="/agreements/$slug/indicators/choose" params={{ slug }}>
                Change the indicators
              </Link>
            </li>
          ) : null}
        </ul>
      </nav>
      {agreement.freedomCount > 0 ? (
        <p>
          <Link to="/agreements/$slug/freedoms" params={{ slug }}>
            Freedoms and flexibilities register ({plural(agreement.freedomCount, "freedom")})
          </Link>
        </p>
      ) : null}
      {agreement.structure === "themes" ? (
        <>
          <PositionSummary agreement={agreement} asAt={asAt} onAsAtChange={setAsAt} />
          <ThemedIndicators agreement={agreement} filters={filters} onFiltersChange={setFilters} />
        </>
      ) : (
        <OutcomeBlocks agreement={agreement} />
      )}
      <DistrictPlans agreement={agreement} />
    </>
  );
}

export const agreementRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/agreements/$slug",
  validateSearch: validateAgreementSearch,
  loader: ({ context, params }) => context.queryClient.ensureQueryData(agreementQuery(params.slug)),
  component: AgreementPage,
});
