/** Copies a text to the clipboard and says so; when the browser refuses, says how to copy by hand. */
import { useState } from "react";
import { Button } from "@mantine/core";
import { StatusMessage } from "./FormProblems";

export function CopyButton({ text, label, copiedMessage, fallback }: { text: string; label: string; copiedMessage: string; fallback: string }) {
  const [said, setSaid] = useState<string | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setSaid(copiedMessage);
    } catch {
      setSaid(fallback);
    }
  }
  return (
    <div className="copy-button">
      <Button variant="default" onClick={() => void copy()}>
        {label}
      </Button>
      <StatusMessage tone="info">{said}</StatusMessage>
    </div>
  );
}
