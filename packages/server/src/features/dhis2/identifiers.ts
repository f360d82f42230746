/**
 * Which DHIS2 identifier stands for which of Accord's things (issue 10 point 2): an indicator is a
 * data element, a component ("all", "male"…) a category option combo, Kent or a district an
 * organisation unit, an agreement an attribute option combo.
 *
 * Every one has an identifier without anyone setting it: a DHIS2-shaped UID (a letter, then ten
 * letters or digits) made from Accord's own code by a hash, so it is the same on every
 * installation and on every export, and an export always imports back. An installation that
 * exchanges data with a DHIS2 of its own sets the identifiers that DHIS2 uses instead (a manager,
 * through PUT /api/dhis2/identifiers); they are kept in the settings table with a version.
 */
import { createHash } from "node:crypto";
import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { AppError } from "../../errors.js";
import type { Actor } from "../../policy/authorize.js";
import { recordAudit } from "../audit/record.js";
import type { Tx } from "../audit/record.js";
import { StaleVersionError } from "../indicators/versions.js";

export const dhis2Kinds = ["dataElement", "categoryOptionCombo", "orgUnit", "attributeOptionCombo"] as const;
export type Dhis2Kind = (typeof dhis2Kinds)[number];

/** What each kind is in Accord, for messages. */
export const accordThingOf: Record<Dhis2Kind, string> = {
  dataElement: "an indicator",
  categoryOptionCombo: "a component",
  orgUnit: "an area",
  attributeOptionCombo: "an agreement",
};

/** A DHIS2 UID: eleven letters and digits, the first a letter. */
export const dhis2UidPattern = /^[A-Za-z][A-Za-z0-9]{10}$/;

const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const lettersAndDigits = `${letters}0123456789`;

/** The identifier a thing has when nobody has set one: the same for the same code, everywhere. */
export function derivedUid(kind: Dhis2Kind, code: string): string {
  const bytes = createHash("sha256").update(`accord/${kind}/${code}`).digest();
  let uid = letters.charAt((bytes[0] ?? 0) % letters.length);
  for (let index = 1; index < 11; index += 1) uid += lettersAndDigits.charAt((bytes[index] ?? 0) % lettersAndDigits.length);
  return uid;
}

export interface Dhis2Object {
  kind: Dhis2Kind;
  /** Accord's code: "NI 47", "all", "E07000114", "kent-ka2". */
  code: string;
  name: string;
  /** The DHIS2 identifier it goes by on this installation. */
  id: string;
  /** True when a manager set the identifier; false when it is the derived one. */
  set: boolean;
  /** Other codes it is known by (an area's code in use in 2008, e.g. 29UN for Thanet). */
  aliases: string[];
}

/** The identifiers a manager has set, by kind and code, with the version they were read at. */
interface StoredIdentifiers {
  version: number;
  set: Partial<Record<Dhis2Kind, Record<string, string>>>;
}

const settingKey = "dhis2.identifiers";

async function storedIdentifiers(db: Db | Tx): Promise<StoredIdentifiers> {
  const [row] = await db.select({ value: t.settings.value }).from(t.settings).where(eq(t.settings.key, settingKey));
  if (!row) return { version: 0, set: {} };
  return JSON.parse(row.value) as StoredIdentifiers;
}

/** Every thing of each kind with its identifier, and lookups both ways. */
export class IdentifierBook {
  readonly version: number;
  readonly objects: Dhis2Object[];
  readonly #byId = new Map<string, Dhis2Object>();
  readonly #byCode = new Map<string, Dhis2Object>();

  constructor(version: number, objects: Dhis2Object[]) {
    this.version = version;
    this.objects = objects;
    for (const object of objects) {
      this.#byId.set(`${object.kind}\u0000${object.id}`, object);
      for (const code of [object.code, ...object.aliases]) this.#byCode.set(`${object.kind}\u0000${code.toUpperCase()}`, object);
    }
  }

  /** The thing an identifier in a file names: by its UID, or by Accord's code under idScheme=code. */
  find(kind: Dhis2Kind, text: string, scheme: "uid" | "code"): Dhis2Object | undefined {
    return scheme === "uid" ? this.#byId.get(`${kind}\u0000${text}`) : this.#byCode.get(`${kind}\u0000${text.toUpperCase()}`);
  }

  /** The identifier of a thing by Accord's code (every thing has one). */
  idOf(kind: Dhis2Kind, code: string): string {
    return this.#byCode.get(`${kind}\u0000${code.toUpperCase()}`)?.id ?? derivedUid(kind, code);
  }
}

/** The things of the installation and their DHIS2 identifiers as they stand. */
export async function loadIdentifierBook(db: Db | Tx): Promise<IdentifierBook> {
  const stored = await storedIdentifiers(db);
  const indicators = await db
    .select({ code: t.indicatorDefinitions.code, title: t.indicatorDefinitions.title, components: t.indicatorDefinitions.components })
    .from(t.indicatorDefinitions)
    .orderBy(asc(t.indicatorDefinitions.code));
  const areas = await db
    .select({ code: t.areas.code, legacyCode: t.areas.legacyCode, name: t.areas.name })
    .from(t.areas)
    .where(inArray(t.areas.kind, ["county", "district"]))
    .orderBy(asc(t.areas.code));
  const agreements = await db.select({ slug: t.agreements.slug, name: t.agreements.name }).from(t.agreements).orderBy(asc(t.agreements.slug));
  const components = [...new Set(["all", ...indicators.flatMap((indicator) => indicator.components)])].sort();

  const object = (kind: Dhis2Kind, code: string, name: string, aliases: string[] = []): Dhis2Object => {
    const set = stored.set[kind]?.[code];
    return { kind, code, name, id: set ?? derivedUid(kind, code), set: set !== undefined, aliases };
  };
  return new IdentifierBook(stored.version, [
    ...indicators.map((one) => object("dataElement", one.code, one.title)),
    ...components.map((one) => object("categoryOptionCombo", one, one === "all" ? "all (the default combination)" : one)),
    ...areas.map((one) => object("orgUnit", one.code, one.name, one.legacyCode ? [one.legacyCode] : [])),
    ...agreements.map((one) => object("attributeOptionCombo", one.slug, one.name)),
  ]);
}

export interface IdentifierChange {
  kind: Dhis2Kind;
  code: string;
  /** The DHIS2 identifier to use, or null to go back to the derived one. */
  id: string | null;
}

/** A manager of any agreement: the identifiers serve the whole installation, as the catalogue does. */
export const isManager = (actor: Actor) => actor.grants.some((grant) => grant.role === "manager");
export const identifiersRefusal = "Only a manager may see or set the DHIS2 identifiers of this installation.";

function onlyManagers(actor: Actor | null): Actor {
  if (actor === null) throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
  if (!isManager(actor)) throw new AppError("FORBIDDEN", identifiersRefusal);
  return actor;
}

export async function listIdentifiers(options: { db: Db; actor: Actor | null }): Promise<IdentifierBook> {
  onlyManagers(options.actor);
  return loadIdentifierBook(options.db);
}

/**
 * Sets (or clears) identifiers, all or none: each must name a thing of the installation, be a
 * DHIS2 UID, and leave no two things of a kind with the same identifier. Audited, versioned.
 */
export async function setIdentifiers(options: {
  db: Db;
  actor: Actor | null;
  version: number;
  changes: IdentifierChange[];
}): Promise<IdentifierBook> {
  const actor = onlyManagers(options.actor);
  return options.db.transaction(async (tx) => {
    // Taken exclusively, so two managers' changes cannot cross.
    await tx.insert(t.settings).values({ key: settingKey, value: JSON.stringify({ version: 0, set: {} }) }).onConflictDoNothing();
    await tx.select().from(t.settings).where(eq(t.settings.key, settingKey)).for("update");
    const before = await loadIdentifierBook(tx);
    if (before.version !== options.version) {
      throw new StaleVersionError("The DHIS2 identifiers", { version: before.version, objects: before.objects.filter((one) => one.set) });
    }
    const stored = await storedIdentifiers(tx);
    const details: { field: string; message: string }[] = [];
    options.changes.forEach((change, index) => {
      const field = `changes[${index}]`;
      const known = before.find(change.kind, change.code, "code");
      if (!known) {
        details.push({ field: `${field}.code`, message: `"${change.code}" is not ${accordThingOf[change.kind]} of this installation` });
        return;
      }
      const byKind = { ...(stored.set[change.kind] ?? {}) };
      if (change.id === null) delete byKind[known.code];
      else if (!dhis2UidPattern.test(change.id)) {
        details.push({ field: `${field}.id`, message: `"${change.id}" is not a DHIS2 UID: eleven letters and digits, the first a letter` });
      } else byKind[known.code] = change.id;
      stored.set[change.kind] = byKind;
    });
    const after = new IdentifierBook(stored.version + 1, before.objects.map((one) => {
      const set = stored.set[one.kind]?.[one.code];
      return { ...one, id: set ?? derivedUid(one.kind, one.code), set: set !== undefined };
    }));
    for (const kind of dhis2Kinds) {
      const seen = new Map<string, string>();
      for (const one of after.objects.filter((object) => object.kind === kind)) {
        const other = seen.get(one.id);
        if (other !== undefined) {
          const message = `${kind} ${one.id} would stand for both ${other} and ${one.code}: give each its own identifier`;
          details.push({ field: "changes", message });
        }
        seen.set(one.id, one.code);
      }
    }
    if (details.length > 0) {
      throw new AppError("BAD_REQUEST", "Nothing was changed: the identifiers have problems.", { field: "changes", details });
    }
    const value = JSON.stringify({ version: after.version, set: stored.set });
    await tx.update(t.settings).set({ value }).where(eq(t.settings.key, settingKey));
    await recordAudit(tx, {
      actor,
      action: "dhis2Identifiers.set",
      entityType: "installation",
      entityId: "dhis2-identifiers",
      agreementId: null,
      before: { version: before.version, set: before.objects.filter((one) => one.set).map(({ kind, code, id }) => ({ kind, code, id })) },
      after: { version: after.version, changes: options.changes },
    });
    return after;
  });
}
