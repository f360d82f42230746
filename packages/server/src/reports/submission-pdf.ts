/**
 * The submission template as PDF: the printable HTML page (submission-html.ts) printed by headless
 * Chromium, so the PDF and the page a browser prints are the same document. Debian's Chromium by
 * default (CHROMIUM_PATH to use another); nothing is fetched from the network.
 */
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import { escapeHtml, writeSubmissionHtml } from "./submission-html.js";
import type { Submission } from "./submission.js";

export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

/**
 * Each print starts a Chromium of its own (about a second and a few hundred megabytes), so at
 * most two run at once in this process; further requests wait their turn rather than exhaust
 * the server's memory.
 */
const maxConcurrentPrints = 2;
let printing = 0;
const waiting: (() => void)[] = [];

async function withPrintSlot<T>(work: () => Promise<T>): Promise<T> {
  if (printing < maxConcurrentPrints) printing += 1;
  else await new Promise<void>((resolve) => waiting.push(resolve)); // the finishing print hands its slot over
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else printing -= 1;
  }
}

const marginTemplateStyle = "font-family: Arial, 'Liberation Sans', sans-serif; font-size: 7pt; color: #444; width: 100%; padding: 0 10mm;";

/** Prints an HTML page to landscape A4 with the title at the top and page numbers at the foot of every page. */
export function printHtmlToPdf(html: string, title: string): Promise<Buffer> {
  return withPrintSlot(() => print(html, title));
}

async function print(html: string, title: string): Promise<Buffer> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(`PDF needs Chromium, which is not at ${executablePath}: install Debian's chromium package or set CHROMIUM_PATH`);
  }
  const browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: "load" });
    const pdf = await page.pdf({
      format: "A4",
      landscape: true,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: `<div style="${marginTemplateStyle} text-align: right;">${escapeHtml(title)}</div>`,
      footerTemplate: `<div style="${marginTemplateStyle} text-align: center;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
      margin: { top: "16mm", right: "10mm", bottom: "16mm", left: "10mm" },
    });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}

export async function writeSubmissionPdf(submission: Submission): Promise<Buffer> {
  return printHtmlToPdf(writeSubmissionHtml(submission), submission.title);
}
