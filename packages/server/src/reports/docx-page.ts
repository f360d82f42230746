/**
 * What Accord's Word documents share: landscape A4 with narrow margins, Arial, the title at the top
 * right of every page and "Page n of m" at the foot, and grey heading cells. The submission template
 * and the performance report are read side by side at board meetings, so they look alike.
 */
import { AlignmentType, Document, Footer, Header, Packer, PageNumber, PageOrientation, Paragraph, ShadingType, TextRun } from "docx";
import type { FileChild } from "docx";

// A4 in twentieths of a point; docx swaps width and height for a landscape section.
const a4 = { width: 11906, height: 16838 };
const margin = 720;
/** The width a table may take on a landscape page. */
export const landscapeTextWidth = a4.height - 2 * margin;
export const headingShade = { type: ShadingType.CLEAR, color: "auto", fill: "E6E6E6" } as const;

/** A paragraph per line of the text (an empty one for no text), at the document's size in half-points. */
export function textParagraphs(text: string, size: number, options: { bold?: boolean; italics?: boolean } = {}): Paragraph[] {
  if (text === "") return [new Paragraph({ children: [] })];
  return text.split("\n").map((line) => new Paragraph({ children: [new TextRun({ text: line, size, ...options })] }));
}

export function writeLandscapeDocx(document: {
  title: string;
  description: string;
  /** Said at the foot of every page before its number, such as the illustrative-figures notice. */
  footerNote?: string | null;
  children: FileChild[];
}): Promise<Buffer> {
  const footerNote = document.footerNote ? [`${document.footerNote} · `] : [];
  return Packer.toBuffer(
    new Document({
      title: document.title,
      creator: "Accord",
      description: document.description,
      styles: { default: { document: { run: { font: "Arial", size: 20 } } } },
      sections: [
        {
          properties: {
            page: {
              size: { width: a4.width, height: a4.height, orientation: PageOrientation.LANDSCAPE },
              margin: { top: margin, right: margin, bottom: margin, left: margin, header: 360, footer: 360 },
            },
          },
          headers: {
            default: new Header({
              children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: document.title, size: 16 })] })],
            }),
          },
          footers: {
            default: new Footer({
              children: [
                new Paragraph({
                  alignment: AlignmentType.CENTER,
                  children: [new TextRun({ size: 16, children: [...footerNote, "Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES] })],
                }),
              ],
            }),
          },
          children: document.children,
        },
      ],
    }),
  );
}
