/**
 * Entering a round's values without retyping them (issue 9 point 4): download the return
 * template with the rows the person fills in, and send it back. The upload is all or nothing; a
 * refused file lists every bad row and cell (row, column, reason) and nothing is saved.
 */
import { useId, useRef, useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Button, Table, Title } from "@mantine/core";
import { z } from "zod";
import { ApiError } from "@accord/domain";
import { apiGet, apiPath } from "../../api/client";
import { StatusMessage } from "../../components/FormProblems";
import { ScrollRegion } from "../../components/ScrollRegion";

const UploadReport = z.object({ written: z.number().int(), unchanged: z.number().int(), blank: z.number().int() }).loose();
const UploadRefused = ApiError.extend({
  problems: z.array(z.object({ row: z.number().int(), column: z.string(), reason: z.string() }).loose()).optional(),
});
const SessionToken = z.object({ csrfToken: z.string().nullable() }).loose();

type Refusal = { message: string; problems: { row: number; column: string; reason: string }[] };

function contentTypeOf(file: File): string {
  if (file.type !== "") return file.type;
  return file.name.toLowerCase().endsWith(".csv") ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

export function ReturnTemplate({ slug, round, label }: { slug: string; round: string; label: string }) {
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const captionId = useId();
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const template = (format: "xlsx" | "csv") => `${apiPath("agreements", slug, "rounds", round, "template")}?format=${format}`;

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    setDone(null);
    if (!file) {
      setRefusal({ message: "Choose the filled-in template to send.", problems: [] });
      return;
    }
    setSending(true);
    try {
      const { csrfToken } = await apiGet("/api/session", SessionToken);
      const response = await fetch(apiPath("agreements", slug, "rounds", round, "upload"), {
        method: "POST",
        headers: { accept: "application/json", "content-type": contentTypeOf(file), ...(csrfToken ? { "x-csrf-token": csrfToken } : {}) },
        body: file,
        credentials: "same-origin",
      });
      const body: unknown = await response.json().catch(() => undefined);
      if (response.ok) {
        const report = UploadReport.parse(body);
        setRefusal(null);
        setDone(`${file.name} is saved: ${report.written} written, ${report.unchanged} unchanged, ${report.blank} left blank.`);
        await queryClient.invalidateQueries({ queryKey: ["agreements", slug] });
        return;
      }
      const refused = UploadRefused.safeParse(body);
      setRefusal(
        refused.success
          ? { message: refused.data.error.message, problems: refused.data.problems ?? [] }
          : { message: `The server answered ${response.status}; nothing was saved.`, problems: [] },
      );
    } catch (error) {
      setRefusal({ message: error instanceof Error ? error.message : String(error), problems: [] });
    } finally {
      setSending(false);
    }
  }

  return (
    <section aria-labelledby="template-heading" className="section">
      <Title order={2} id="template-heading">
        Fill in the return template
      </Title>
      <p>
        Download the rows you fill in for {label}, with the values recorded now: <a href={template("xlsx")}>XLSX workbook</a> or{" "}
        <a href={template("csv")}>CSV</a>. Send it back below: every row is checked first, and nothing is saved unless all of them are right.
      </p>
      {refusal ? (
        <div role="alert" className="error-summary">
          <p className="error-summary__title">The file was not saved</p>
          <p>{refusal.message}</p>
          {refusal.problems.length > 0 ? (
            <ScrollRegion labelledBy={captionId}>
              <Table withTableBorder captionSide="top">
                <Table.Caption id={captionId}>Every row and cell to put right</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Row</Table.Th>
                    <Table.Th scope="col">Column</Table.Th>
                    <Table.Th scope="col">What is wrong</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {refusal.problems.map((problem, index) => (
                    <Table.Tr key={index}>
                      <Table.Td>{problem.row}</Table.Td>
                      <Table.Td>{problem.column}</Table.Td>
                      <Table.Td>{problem.reason}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
          ) : null}
        </div>
      ) : null}
      <StatusMessage>{done}</StatusMessage>
      <form onSubmit={(event) => void upload(event)} noValidate aria-labelledby="template-heading" className="form-row">
        <div>
          <label htmlFor={inputId} className="field-label">
            Filled-in template (XLSX or CSV)
          </label>
          <input ref={input} id={inputId} type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
        </div>
        <div className="form-actions">
          <Button type="submit" loading={sending}>
            Send the template
          </Button>
        </div>
      </form>
    </section>
  );
}
