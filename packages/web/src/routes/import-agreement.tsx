/**
 * Import an agreement from its table (issue 10 point 4), for managers: choose the XLSX or CSV,
 * see every row as Accord will read it and every problem by row and column, then confirm. The
 * import is all or nothing and creates a draft; nothing is written until the manager confirms.
 */
import { useId, useRef, useState, type FormEvent } from "react";
import { createRoute, Link } from "@tanstack/react-router";
import { Button, Table, TextInput, Title } from "@mantine/core";
import { z } from "zod";
import { ApiError } from "@accord/domain";
import { apiGet } from "../api/client";
import { Breadcrumbs } from "../components/Breadcrumbs";
import { StatusMessage } from "../components/FormProblems";
import { ScrollRegion } from "../components/ScrollRegion";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { useSession } from "../features/session/queries";
import { rootRoute } from "./root";

const Preview = z
  .object({
    created: z.boolean(),
    agreement: z.object({ slug: z.string(), name: z.string(), years: z.array(z.string()), area: z.object({ name: z.string() }).nullable() }).loose(),
    rows: z.array(
      z
        .object({
          row: z.number(),
          theme: z.string(),
          code: z.string(),
          title: z.string().nullable(),
          catalogued: z.boolean(),
          kind: z.string(),
          baseline: z.array(z.string()),
          targets: z.array(z.object({ year: z.string(), written: z.array(z.string()) }).loose()),
          targetNote: z.string().nullable(),
          partners: z.array(z.object({ name: z.string(), role: z.string() }).loose()),
          notes: z.array(z.string()),
        })
        .loose(),
    ),
    problems: z.array(z.object({ text: z.string() }).loose()),
    newIndicators: z.array(z.object({ code: z.string() }).loose()),
    newOrganisations: z.array(z.string()),
  })
  .loose();
type Preview = z.infer<typeof Preview>;
const SessionToken = z.object({ csrfToken: z.string().nullable() }).loose();

function contentTypeOf(file: File): string {
  if (file.type !== "") return file.type;
  return file.name.toLowerCase().endsWith(".csv") ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

function ImportAgreementPage() {
  useDocumentTitle("Import an agreement");
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const rowsCaption = useId();
  const [slug, setSlug] = useState("");
  const [sending, setSending] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [failure, setFailure] = useState<{ message: string; details: string[] } | null>(null);
  const [created, setCreated] = useState<Preview | null>(null);

  async function send(dryRun: boolean) {
    const file = input.current?.files?.[0];
    setFailure(null);
    if (!file) {
      setFailure({ message: "Choose the agreement's table (XLSX or CSV) to read.", details: [] });
      return;
    }
    setSending(true);
    try {
      const { csrfToken } = await apiGet("/api/session", SessionToken);
      const query = new URLSearchParams({ dryRun: String(dryRun), fileName: file.name, ...(slug.trim() ? { slug: slug.trim() } : {}) });
      const response = await fetch(`/api/agreements/import?${query.toString()}`, {
        method: "POST",
        headers: { accept: "application/json", "content-type": contentTypeOf(file), ...(csrfToken ? { "x-csrf-token": csrfToken } : {}) },
        body: file,
        credentials: "same-origin",
      });
      const body: unknown = await response.json().catch(() => undefined);
      if (response.ok) {
        const answer = Preview.parse(body);
        if (answer.created) {
          setCreated(answer);
          setPreview(null);
        } else setPreview(answer);
        return;
      }
      const refused = ApiError.safeParse(body);
      setFailure(
        refused.success
          ? { message: refused.data.error.message, details: (refused.data.error.details ?? []).map((detail) => `${detail.field}: ${detail.message}`) }
          : { message: `The server answered ${response.status}; nothing was imported.`, details: [] },
      );
    } catch (error) {
      setFailure({ message: error instanceof Error ? error.message : String(error), details: [] });
    } finally {
      setSending(false);
    }
  }

  function read(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    void send(true);
  }

  const years = preview?.agreement.years ?? [];
  const { user, pending } = useSession();
  if (pending) return <Title order={1}>Import an agreement from its table</Title>;
  if (!user?.grants.some((grant) => grant.role === "manager")) {
    return (
      <>
        <Title order={1}>Import an agreement from its table</Title>
        <p className="lead">
          Only a manager may import an agreement, because it adds to the indicator catalogue every agreement shares.{" "}
          {user ? "Ask a manager of your agreement to import the table." : <Link to="/sign-in">Sign in as a manager</Link>}
        </p>
      </>
    );
  }
  return (
    <>
      <Breadcrumbs>
        <Link to="/">Agreements</Link>
        <span aria-current="page">Import an agreement</span>
      </Breadcrumbs>
      <header className="page-heading">
        <Title order={1}>Import an agreement from its table</Title>
        <p className="lead">
          Send the agreement's table as an Excel workbook or CSV: Accord's own submission template, or the layout your council used
          (indicator code and title in one column, national indicators and lead partners starred, a column per year). You see every row
          as Accord reads it before anything is saved; the agreement is then created as a draft, whole or not at all.
        </p>
      </header>

      <form onSubmit={read} noValidate aria-label="The table to read" className="section">
        <div>
          <label htmlFor={inputId} className="field-label">
            The agreement's table (XLSX or CSV)
          </label>
          <input
            ref={input}
            id={inputId}
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={() => {
              setPreview(null);
              setCreated(null);
            }}
          />
        </div>
        <TextInput
          label="Short name for its address (optional)"
          description="Lower-case letters, digits and hyphens, such as northshire-laa; by default made from the agreement's name."
          value={slug}
          onChange={(event) => {
            setSlug(event.currentTarget.value);
            setPreview(null);
          }}
        />
        <div className="form-actions">
          <Button type="submit" loading={sending && preview === null}>
            Read the table
          </Button>
        </div>
      </form>

      {failure ? (
        <div role="alert" className="error-summary">
          <p className="error-summary__title">Nothing was imported</p>
          <p>{failure.message}</p>
          {failure.details.length > 0 ? (
            <ul>
              {failure.details.map((detail) => (
                <li key={detail}>{detail}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <StatusMessage>
        {created ? (
          <>
            {created.agreement.name} is created as a draft with {created.rows.length} indicators.{" "}
            <Link to="/agreements/$slug" params={{ slug: created.agreement.slug }}>
              Open {created.agreement.name}
            </Link>
          </>
        ) : null}
      </StatusMessage>

      {preview ? (
        <section aria-labelledby="preview-heading" className="section">
          <Title order={2} id="preview-heading">
            {preview.agreement.name} as Accord reads it
          </Title>
          <p>
            {preview.rows.length} indicators, {years.join(", ")}
            {preview.agreement.area ? `, ${preview.agreement.area.name}` : ""}; it would be created as a draft at the address{" "}
            <code>{preview.agreement.slug}</code>.
            {preview.newIndicators.length > 0 ? ` New to the catalogue, marked unknown: ${preview.newIndicators.map((indicator) => indicator.code).join(", ")}.` : ""}
            {preview.newOrganisations.length > 0 ? ` New organisations: ${preview.newOrganisations.join(", ")}.` : ""}
          </p>
          {preview.problems.length > 0 ? (
            <div role="alert" className="error-summary">
              <p className="error-summary__title">
                The table has {preview.problems.length} {preview.problems.length === 1 ? "problem" : "problems"}: correct {preview.problems.length === 1 ? "it" : "them"} and read it again
              </p>
              <ul data-testid="import-problems">
                {preview.problems.map((problem) => (
                  <li key={problem.text}>{problem.text}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <ScrollRegion labelledBy={rowsCaption}>
            <Table withTableBorder captionSide="top" data-testid="import-rows">
              <Table.Caption id={rowsCaption}>Every row of the table as it will be read</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Row</Table.Th>
                  <Table.Th scope="col">Indicator</Table.Th>
                  <Table.Th scope="col">Baseline</Table.Th>
                  {years.map((year) => (
                    <Table.Th scope="col" key={year}>
                      {year}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col">Partners (lead *)</Table.Th>
                  <Table.Th scope="col">Notes</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.rows.map((row) => (
                  <Table.Tr key={row.row}>
                    <Table.Td>{row.row}</Table.Td>
                    <Table.Th scope="row">
                      {row.code} {row.title ?? ""}
                      <br />
                      <small>
                        {row.kind}, {row.theme}
                        {row.catalogued ? "" : ", new to the catalogue"}
                      </small>
                    </Table.Th>
                    <Table.Td>{row.baseline.join("; ") || "None"}</Table.Td>
                    {row.targets.map((target) => (
                      <Table.Td key={target.year}>{target.written.join("; ")}</Table.Td>
                    ))}
                    <Table.Td>{row.partners.map((partner) => `${partner.name}${partner.role === "lead" ? " *" : ""}`).join(", ")}</Table.Td>
                    <Table.Td>{[...(row.targetNote ? [row.targetNote.replaceAll("\n", "; ")] : []), ...row.notes].join("; ")}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
          {preview.problems.length === 0 ? (
            <div className="form-actions">
              <Button onClick={() => void send(false)} loading={sending}>
                Import {preview.agreement.name} as a draft
              </Button>
            </div>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

export const importAgreementRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/import-agreement",
  component: ImportAgreementPage,
});
