/**
 * The seeds name one organisation many ways ("Kent Probation", "Kent Probation Service", "KPS").
 * organisations.yaml lists the spellings; this resolves a name as written to one organisation.
 */
import type { OrganisationRecord } from "@accord/domain";

export function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[’']/g, "'")
    .replace(/[.,;:*]+$/g, "")
    .replace(/^the\s+/, "")
    .replace(/\s+/g, " ")
    .trim();
}

export interface ResolvedName {
  slug: string;
  /** A qualifier written in brackets after the name ("Youth Service"), when there was one. */
  detail: string | undefined;
}

export class OrganisationDirectory {
  private readonly bySpelling = new Map<string, string>();

  constructor(organisations: OrganisationRecord[]) {
    for (const organisation of organisations) {
      for (const spelling of [organisation.name, organisation.slug, ...organisation.aliases]) {
        this.bySpelling.set(normaliseName(spelling), organisation.slug);
      }
    }
  }

  /** A detail that only repeats the organisation's name or an abbreviation of it says nothing. */
  meaningfulDetail(slug: string, detail: string | undefined | null): string | null {
    if (!detail) return null;
    return this.bySpelling.get(normaliseName(detail)) === slug ? null : detail;
  }

  resolve(written: string): ResolvedName | undefined {
    const direct = this.bySpelling.get(normaliseName(written));
    if (direct) return { slug: direct, detail: undefined };
    // "Kent County Council (Youth Service)": the part in brackets is a detail of the organisation.
    const bracketed = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(written);
    if (bracketed?.[1]) {
      const parent = this.bySpelling.get(normaliseName(bracketed[1]));
      if (parent) return { slug: parent, detail: bracketed[2]?.trim() || undefined };
    }
    return undefined;
  }
}
