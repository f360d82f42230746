/**
 * One editable thing in a list (a year's target, a component's baseline): what it is now, a
 * button that opens its form, and the message once saved. Closing the form returns focus to the
 * button, so a keyboard user carries on where they were.
 */
import { useId, useRef, useState, type ReactNode } from "react";
import { Button } from "@mantine/core";
import { StatusMessage } from "./FormProblems";

export function EditableItem({ current, buttonLabel, renderForm }: { current: ReactNode; buttonLabel: string; renderForm: (close: (message: string | null) => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const formId = useId();

  function close(message: string | null) {
    setOpen(false);
    setSaved(message);
    requestAnimationFrame(() => toggle.current?.focus());
  }

  return (
    <li className="target-editor">
      <div className="target-editor__row">
        <span>{current}</span>
        <Button
          ref={toggle}
          variant="outline"
          size="compact-md"
          aria-expanded={open}
          aria-controls={open ? formId : undefined}
          onClick={() => {
            setSaved(null);
            setOpen(!open);
          }}
        >
          {buttonLabel}
        </Button>
      </div>
      <StatusMessage>{saved}</StatusMessage>
      {open ? <div id={formId}>{renderForm(close)}</div> : null}
    </li>
  );
}
