/**
 * How every form reports what is wrong: a summary announced at once (role="alert") whose items
 * link to the fields, and the same message beside each field (Mantine's `error` prop, which
 * sets aria-invalid and adds the message to the input's aria-describedby).
 */
import { useId, useMemo, type MouseEvent, type ReactNode } from "react";
import { ApiRequestError } from "../api/client";

export interface FieldInfo {
  /** The input's id, for the summary's link. */
  id: string;
  /** The label, to start a message the server gives in lower case ("must be an e-mail address"). */
  label: string;
}

export interface ProblemItem {
  message: string;
  /** The id of the input at fault, when there is one. */
  fieldId?: string;
}

export interface Problems {
  items: ProblemItem[];
  byField: Partial<Record<string, string>>;
}

function sentence(label: string, message: string): string {
  const text = /^[a-z]/.test(message) ? `${label} ${message}` : message;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Problems from the answer to a write: the server names the field (and, for several, each one). */
export function problemsFromError(error: unknown, fields: Record<string, FieldInfo>): Problems {
  const problems: Problems = { items: [], byField: {} };
  const add = (reported: string | undefined, message: string) => {
    // "target.change" is a part of the "target" field.
    const field = reported !== undefined && fields[reported] === undefined ? reported.split(".")[0] : reported;
    const info = field !== undefined ? fields[field] : undefined;
    if (info && field !== undefined) {
      const text = sentence(info.label, message);
      if (problems.byField[field] === undefined) problems.byField[field] = text;
      problems.items.push({ message: text, fieldId: info.id });
    } else {
      problems.items.push({ message: sentence(reported ?? "", message).trim() });
    }
  };
  if (error instanceof ApiRequestError) {
    if (error.details.length > 0) for (const detail of error.details) add(detail.field, detail.message);
    else add(error.field, error.message);
  } else {
    add(undefined, error instanceof Error ? error.message : String(error));
  }
  return problems;
}

/** Problems found before sending (an empty box): field → message, or nothing. */
export function problemsFromChecks(checks: Record<string, string | undefined>, fields: Record<string, FieldInfo>): Problems | null {
  const problems: Problems = { items: [], byField: {} };
  for (const [field, message] of Object.entries(checks)) {
    if (message === undefined) continue;
    problems.byField[field] = message;
    const info = fields[field];
    problems.items.push(info ? { message, fieldId: info.id } : { message });
  }
  return problems.items.length > 0 ? problems : null;
}

/** Ids and labels for a form's fields, unique on the page. */
export function useFields<Name extends string>(labels: Record<Name, string>): Record<Name, FieldInfo> {
  const base = useId();
  const key = JSON.stringify(labels);
  return useMemo(() => {
    const fields = {} as Record<Name, FieldInfo>;
    for (const name of Object.keys(labels) as Name[]) fields[name] = { id: `${base}-${name}`, label: labels[name] };
    return fields;
    // The labels are compared by value (`key`), not by the object passed each render.
  }, [base, key]);
}

function focusField(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const input = document.getElementById(id);
  if (!input) return;
  // Move focus without changing the address (the router would treat "#…" as a navigation).
  event.preventDefault();
  input.focus();
  input.scrollIntoView({ block: "center" });
}

/** "There is a problem" with each problem, linked to its field. Announced when it appears. */
export function ErrorSummary({ problems, title = "There is a problem" }: { problems: Problems | null; title?: string }) {
  if (!problems || problems.items.length === 0) return null;
  return (
    <div role="alert" className="error-summary">
      <p className="error-summary__title">{title}</p>
      <ul>
        {problems.items.map((item, index) => (
          <li key={index}>
            {item.fieldId ? (
              <a href={`#${item.fieldId}`} onClick={(event) => focusField(event, item.fieldId ?? "")}>
                {item.message}
              </a>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A polite live region that is always in the page, so what is put in it is read out ("The
 * 2009/10 target is saved"). Empty, it takes no room.
 */
export function StatusMessage({ children, tone = "success" }: { children?: ReactNode; tone?: "success" | "info" }) {
  return (
    <div role="status" className={children ? `status-message status-message--${tone}` : "status-message--empty"}>
      {children}
    </div>
  );
}
