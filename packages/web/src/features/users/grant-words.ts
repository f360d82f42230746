import { useQuery } from "@tanstack/react-query";
import type { GrantView } from "../../api/contracts";
import { agreementChoicesQuery } from "../agreements/queries";
import { areasQuery, organisationsQuery } from "../reference/queries";
import { roleWords } from "../../words";

/** "ni-47" → "NI 47": the code an indicator key was made from, near enough for a role's name. */
export function codeOfKey(key: string): string {
  return key.replace(/-/g, " ").toUpperCase();
}

export interface GrantLookups {
  agreementName: (slug: string) => string;
  organisationName: (slug: string) => string;
  districtName: (code: string) => string;
}

/** Names for the slugs and codes in role grants, from the reference lists (slug itself until they load). */
export function useGrantLookups(): GrantLookups {
  const agreements = useQuery(agreementChoicesQuery());
  const organisations = useQuery(organisationsQuery());
  const areas = useQuery(areasQuery());
  const agreementNames = new Map((agreements.data?.agreements ?? []).map((agreement) => [agreement.slug, agreement.name]));
  const organisationNames = new Map((organisations.data?.organisations ?? []).map((organisation) => [organisation.slug, organisation.name]));
  const districtNames = new Map((areas.data?.areas ?? []).map((area) => [area.code, area.name]));
  return {
    agreementName: (slug) => agreementNames.get(slug) ?? slug,
    organisationName: (slug) => organisationNames.get(slug) ?? slug,
    districtName: (code) => districtNames.get(code) ?? code,
  };
}

/** "Accountable officer for NI 47 in Kent Agreement 2". */
export function describeGrant(grant: GrantView, lookups: GrantLookups): string {
  const parts = [roleWords[grant.role]];
  if (grant.indicator) parts.push(`for ${codeOfKey(grant.indicator)}`);
  if (grant.organisation) parts.push(`for ${lookups.organisationName(grant.organisation)}`);
  if (grant.district) parts.push(`for ${lookups.districtName(grant.district)}`);
  parts.push(grant.agreement ? `in ${lookups.agreementName(grant.agreement)}` : "in every agreement");
  return parts.join(" ");
}
