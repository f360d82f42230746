/** The API's JSON for agreements, decided once (shapes from @accord/domain's api.ts). */
import { defaultAsAt, financialYearsBetween, isNationalIndicator, statusAsAt } from "@accord/domain";
import type {
  AgreementDetailView,
  AgreementIndicatorView,
  AgreementSummaryView,
  FreedomView,
  OrganisationRef,
  OutcomeView,
  StatusEntryView,
  ThemeView,
  TargetForm,
} from "@accord/domain";
import type { AgreementContents, AgreementListRow, AgreementRow } from "./queries.js";
import type { countsByAgreement } from "./queries.js";

type Counts = Awaited<ReturnType<typeof countsByAgreement>>;

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

function organisationRef(row: { slug: string; name: string; kind: string; statutory: boolean }): OrganisationRef {
  return { slug: row.slug, name: row.name, kind: row.kind as OrganisationRef["kind"], statutory: row.statutory };
}

/** numeric columns come back as text; "592.0" and "592" must read the same. */
function decimalText(value: string | null): string | null {
  if (value === null) return null;
  if (!value.includes(".")) return value;
  const trimmed = value.replace(/0+$/, "").replace(/\.$/, "");
  return trimmed === "-0" ? "0" : trimmed;
}

export function presentAgreementSummary(row: AgreementRow, counts: Counts, today: string): AgreementSummaryView {
  const { agreement } = row;
  const indicatorCounts = { designated: 0, statutory: 0, primary: 0, secondary: 0, local: 0, omitted: 0 };
  for (const count of counts.indicators.filter((c) => c.agreementId === agreement.id)) {
    if (count.state === "omitted") indicatorCounts.omitted += count.count;
    else indicatorCounts[count.kind] += count.count;
  }
  return presentAgreementListItem(
    {
      ...row,
      indicatorCounts,
      outcomeCount: counts.outcomes.find((c) => c.agreementId === agreement.id)?.count ?? 0,
      freedomCount: counts.freedoms.find((c) => c.agreementId === agreement.id)?.count ?? 0,
    },
    today,
  );
}

type AgreementCardFields =
  "agreement" | "area" | "latestEntryAsAt" | "predecessor" | "successor" | "indicatorCounts" | "outcomeCount" | "freedomCount";

/** A card of the agreement list, from its one row (counts worked out by the database); an agreement's summary too. */
export function presentAgreementListItem(row: Pick<AgreementListRow, AgreementCardFields>, today: string): AgreementSummaryView {
  const { agreement } = row;
  return {
    id: agreement.id,
    slug: agreement.slug,
    name: agreement.name,
    shortName: agreement.shortName,
    area: row.area,
    firstYear: agreement.firstYear,
    lastYear: agreement.lastYear,
    years: financialYearsBetween(agreement.firstYear, agreement.lastYear),
    defaultAsAt: defaultAsAt({ latestEntryAsAt: row.latestEntryAsAt, lastYear: agreement.lastYear }, today),
    status: agreement.status,
    revision: agreement.revision,
    predecessor: row.predecessor,
    successor: row.successor,
    published: agreement.published,
    structure: agreement.structure,
    summary: agreement.summary,
    indicatorCounts: row.indicatorCounts,
    outcomeCount: row.outcomeCount,
    freedomCount: row.freedomCount,
  };
}

export interface PresentedAgreement {
  detail: AgreementDetailView;
  indicators: AgreementIndicatorView[];
  outcomes: OutcomeView[];
  freedoms: FreedomView[];
}

export function presentAgreement(row: AgreementRow, counts: Counts, contents: AgreementContents, today: string): PresentedAgreement {
  const themesById = new Map(contents.themes.map((theme) => [theme.id, theme]));
  const outcomesById = new Map(contents.outcomes.map((outcome) => [outcome.id, outcome]));
  const baselines = groupBy(contents.baselines, (b) => b.agreementIndicatorId);
  const pending = new Map(contents.pending.map((p) => [p.agreementIndicatorId, p]));
  const targets = groupBy(contents.targets, (target) => target.agreementIndicatorId);
  const history = groupBy(contents.history, (entry) => entry.agreementIndicatorId);
  const signUps = groupBy(contents.signUps, (signUp) => signUp.agreementIndicatorId);
  const replaces = new Map<string, string>();
  for (const { definition, replacedByCode } of contents.indicators) {
    if (replacedByCode) replaces.set(replacedByCode, definition.code);
  }

  const indicators: AgreementIndicatorView[] = contents.indicators.map(({ agreementIndicator: ai, definition, replacedByCode }) => {
    const theme = themesById.get(ai.themeId);
    const statusHistory = (history.get(ai.id) ?? []).map((entry) => ({
      asAt: entry.asAt,
      status: entry.status,
      kind: entry.kind as StatusEntryView["kind"],
      party: entry.party,
      partyName: entry.partyName,
      note: entry.note,
    }));
    return {
      id: ai.id,
      key: definition.key,
      code: definition.code,
      title: definition.title,
      titleAsWritten: ai.titleAsWritten,
      titleStatus: definition.titleStatus,
      nationalIndicatorSet: isNationalIndicator(definition.code),
      kind: ai.kind,
      state: ai.state,
      replacedBy: replacedByCode,
      replaces: replaces.get(definition.code) ?? null,
      replacementReason: ai.replacementReason,
      theme: { code: theme?.code ?? "", title: theme?.title ?? "" },
      outcomeNumber: ai.outcomeId === null ? null : (outcomesById.get(ai.outcomeId)?.number ?? null),
      polarity: definition.polarity,
      unit: definition.unit,
      dataSource: ai.dataSource ?? definition.dataSource,
      lpsa2: ai.lpsa2,
      baselines: (baselines.get(ai.id) ?? []).map((b) => ({
        component: b.component,
        value: decimalText(b.value) ?? b.value,
        unit: b.unit,
        period: b.period,
        source: b.source,
        written: b.written,
        version: b.version,
      })),
      baselinePending: (() => {
        const p = pending.get(ai.id);
        return p ? { reason: p.reason, expectedBy: p.expectedBy, written: p.written, version: p.version } : null;
      })(),
      targets: (targets.get(ai.id) ?? []).map((target) => ({
        year: target.financialYear,
        component: target.component,
        target: target.target as TargetForm,
        value: decimalText(target.value),
        writtenValue: decimalText(target.writtenValue),
        written: target.written,
        version: target.version,
      })),
      targetNote: ai.targetNote,
      status: statusHistory.length === 0 ? null : statusAsAt(statusHistory, today),
      statusHistory,
      partners: (signUps.get(ai.id) ?? []).map((signUp) => ({ organisation: organisationRef(signUp.organisation), role: signUp.role, detail: signUp.detail })),
      notes: ai.notes,
      version: ai.version,
    };
  });

  const indicatorsByOutcome = groupBy(
    indicators.filter((indicator) => indicator.outcomeNumber !== null),
    (indicator) => indicator.outcomeNumber,
  );
  const partnersByOutcome = groupBy(contents.outcomePartners, (partner) => partner.outcomeId);
  const outcomes: OutcomeView[] = contents.outcomes.map((outcome) => {
    const theme = themesById.get(outcome.themeId);
    return {
      number: outcome.number,
      title: outcome.title,
      deleted: outcome.deleted,
      deletedNote: outcome.deletedNote,
      lpsa2: outcome.lpsa2,
      sip: outcome.sip,
      block: { code: theme?.code ?? "", title: theme?.title ?? "" },
      partners: (partnersByOutcome.get(outcome.id) ?? []).map((p) => ({ organisation: organisationRef(p.organisation), role: p.role, detail: p.detail })),
      indicators: indicatorsByOutcome.get(outcome.number) ?? [],
      notes: outcome.notes,
    };
  });

  const outcomesByTheme = groupBy(outcomes, (outcome) => outcome.block.code);
  const themes: ThemeView[] = contents.themes.map((theme) => ({
    code: theme.code,
    title: theme.title,
    kind: theme.kind,
    description: theme.description,
    indicators: indicators.filter((indicator) => indicator.theme.code === theme.code && indicator.outcomeNumber === null),
    outcomes: outcomesByTheme.get(theme.code) ?? [],
  }));

  const freedomOutcomeNumbers = groupBy(contents.freedomOutcomes, (row) => row.freedomId);
  const freedoms: FreedomView[] = contents.freedoms.map((freedom) => {
    const theme = freedom.themeId === null ? undefined : themesById.get(freedom.themeId);
    return {
      number: freedom.number,
      title: freedom.title,
      problem: freedom.problem,
      freedomSought: freedom.freedomSought,
      priority: freedom.priority,
      benefitsToCentralGovernment: freedom.benefitsToCentralGovernment,
      benefitsToPartners: freedom.benefitsToPartners,
      benefitsToCommunity: freedom.benefitsToCommunity,
      scope: freedom.scope,
      outcomes: (freedomOutcomeNumbers.get(freedom.id) ?? []).map((row) => row.number),
      block: theme ? { code: theme.code, title: theme.title } : null,
      department: freedom.department,
      status: freedom.status,
      notes: freedom.notes,
    };
  });

  const detail: AgreementDetailView = {
    ...presentAgreementSummary(row, counts, today),
    responsibleAuthority: organisationRef(row.responsibleAuthority),
    governmentOffice: organisationRef(row.governmentOffice),
    source: row.agreement.source,
    deadlines: contents.deadlines.map((deadline) => ({ name: deadline.name, date: deadline.date })),
    themes,
    version: row.agreement.version,
  };
  return { detail, indicators, outcomes, freedoms };
}
