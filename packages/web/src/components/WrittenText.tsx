import type { ReactNode } from "react";

/**
 * Text as the source document laid it out: each line a paragraph, and lines that start with
 * "- " a bulleted list, instead of one run-on block.
 */
export function WrittenText({ text }: { text: string }) {
  const blocks: ReactNode[] = [];
  let bullets: string[] = [];
  const flush = () => {
    if (bullets.length === 0) return;
    const items = bullets;
    blocks.push(
      <ul key={`list-${blocks.length}`} className="written-text__list">
        {items.map((item, index) => (
          <li key={index}>{item}</li>
        ))}
      </ul>,
    );
    bullets = [];
  };
  for (const line of text.split("\n").map((candidate) => candidate.trim())) {
    if (line === "") continue;
    if (line.startsWith("- ")) {
      bullets.push(line.slice(2).trim());
      continue;
    }
    flush();
    blocks.push(<p key={`p-${blocks.length}`}>{line}</p>);
  }
  flush();
  return <div className="written-text">{blocks}</div>;
}
