import { Button, NativeSelect } from "@mantine/core";
import { negotiationStatuses, type AgreementDetailView } from "@accord/domain";
import { negotiationStatusWords } from "../../words";
import type { IndicatorFilters as Filters } from "./queries";

export interface PartnerOption {
  slug: string;
  name: string;
}

/** Every organisation signed up to at least one indicator of the agreement, by name. */
export function partnerOptions(agreement: AgreementDetailView): PartnerOption[] {
  const bySlug = new Map<string, string>();
  for (const theme of agreement.themes) {
    const indicators = [...theme.indicators, ...theme.outcomes.flatMap((outcome) => outcome.indicators)];
    for (const indicator of indicators) {
      for (const signUp of indicator.partners) bySlug.set(signUp.organisation.slug, signUp.organisation.name);
    }
  }
  return [...bySlug].map(([slug, name]) => ({ slug, name })).sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
}

/** Theme, negotiation status and partner, kept in the address so a filtered view can be shared. */
export function IndicatorFilters({
  agreement,
  filters,
  onChange,
}: {
  agreement: AgreementDetailView;
  filters: Filters;
  onChange: (filters: Filters) => void;
}) {
  const partners = partnerOptions(agreement);
  const anyFilter = Boolean(filters.theme || filters.status || filters.partner);
  return (
    <div className="filters" role="group" aria-label="Filter indicators">
      <NativeSelect
        label="Theme"
        value={filters.theme ?? ""}
        onChange={(event) => onChange({ ...filters, theme: event.currentTarget.value || undefined })}
        data={[{ value: "", label: "All themes" }, ...agreement.themes.map((theme) => ({ value: theme.code, label: theme.title }))]}
      />
      <NativeSelect
        label="Negotiation status"
        value={filters.status ?? ""}
        onChange={(event) => onChange({ ...filters, status: event.currentTarget.value || undefined })}
        data={[{ value: "", label: "Any status" }, ...negotiationStatuses.map((status) => ({ value: status, label: negotiationStatusWords[status] }))]}
      />
      <NativeSelect
        label="Partner organisation"
        value={filters.partner ?? ""}
        onChange={(event) => onChange({ ...filters, partner: event.currentTarget.value || undefined })}
        data={[{ value: "", label: "Any partner" }, ...partners.map((partner) => ({ value: partner.slug, label: partner.name }))]}
      />
      {anyFilter ? (
        <Button variant="subtle" className="filters__clear" onClick={() => onChange({})}>
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}
