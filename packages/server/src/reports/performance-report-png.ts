/**
 * Charts as PNG for the Word document: Word and LibreOffice show the SVG where they can, and a
 * Word document that carries an SVG must carry a raster copy for those that cannot. The SVG is
 * drawn by the same headless Chromium that prints the PDFs (submission-pdf.ts), one browser for
 * all of a report's charts, at twice the size so the copy stays sharp when printed. The page
 * runs a script of ours only; the charts are drawn as images, so nothing in them runs.
 */
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import { chromiumArgs, chromiumPath } from "./submission-pdf.js";

/**
 * Runs in the page (kept as text: the server is compiled without the browser's types). Each SVG is
 * drawn as an image onto a canvas and encoded there: one round trip for all the charts, several
 * times faster than a screenshot per chart.
 */
const drawInBrowser = `async ({ svgs, width, height, scale }) => {
  const canvas = document.createElement("canvas");
  canvas.width = width * scale;
  canvas.height = height * scale;
  const context = canvas.getContext("2d");
  const pngs = [];
  for (const svg of svgs) {
    const image = new Image(width, height);
    const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
    try {
      image.src = url;
      await image.decode();
      context.fillStyle = "#fff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      pngs.push(canvas.toDataURL("image/png").slice("data:image/png;base64,".length));
    } finally {
      URL.revokeObjectURL(url);
    }
  }
  return pngs;
}`;

/** The PNGs in the order of the SVGs given; null when there is no Chromium to draw them. */
export async function renderSvgsToPng(svgs: readonly string[], size: { width: number; height: number }): Promise<Buffer[] | null> {
  if (svgs.length === 0) return [];
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) return null;
  const browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true });
  try {
    const page = await browser.newPage();
    // A chart is self-contained; nothing it holds may reach the network.
    await page.route("**/*", (route) => route.abort());
    const encoded = await page.evaluate<string[]>(`(${drawInBrowser})(${JSON.stringify({ svgs, ...size, scale: 2 })})`);
    return encoded.map((base64) => Buffer.from(base64, "base64"));
  } finally {
    await browser.close();
  }
}
