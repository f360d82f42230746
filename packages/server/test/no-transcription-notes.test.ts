/**
 * Issue 7 point 14: nothing the API answers about the demo speaks of how its data was
 * transcribed ("seed 000", "the seed's text…", "Counted as…", "ni-partial.csv"). Those notes
 * stay in the data files' comments; what the API gives is the documents' words. Every string
 * of every answer is read: the agreements with their indicators, outcomes and freedoms, their
 * reward grant and funding streams pages, consultation diaries and NI 47's delivery plan, the
 * whole catalogue entry by entry, the organisations and the areas.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "./support/app.js";
import type { TestApp } from "./support/app.js";
import { send, signIn } from "./support/session.js";
import type { Session } from "./support/session.js";

let api: TestApp;
let manager: Session;
beforeAll(async () => {
  api = await createTestApp();
  manager = await signIn(api.app, "manager@kent-partnership.example");
});
afterAll(async () => {
  await api?.close();
});

/** Words that only a note about the transcription uses. */
const transcriptionRemark =
  /\bseeds?\b|seed's|ni-partial|\.csv\b|counted as\b|so that the (?:appendix|summary)|transcri(?:bed|ption)|conversion garbled|\bOCR\b|page break|wording wins/i;

/** Every string in an answer, with the path it was found at. */
function stringsOf(value: unknown, path: string, found: [string, string][] = []): [string, string][] {
  if (typeof value === "string") found.push([path, value]);
  else if (Array.isArray(value)) value.forEach((item, index) => stringsOf(item, `${path}[${index}]`, found));
  else if (value !== null && typeof value === "object") for (const [key, item] of Object.entries(value)) stringsOf(item, `${path}.${key}`, found);
  return found;
}

async function answer(url: string): Promise<unknown> {
  const response = await send(api.app, manager, { method: "GET", url });
  expect(response.status, url).toBe(200);
  return response.body;
}

async function everyDemoAnswer(): Promise<[string, unknown][]> {
  const answers: [string, unknown][] = [];
  const read = async (url: string) => {
    const body = await answer(url);
    answers.push([url, body]);
    return body;
  };
  const list = (await read("/api/agreements?limit=200")) as { agreements: { slug: string }[] };
  for (const { slug } of list.agreements) {
    const agreement = (await read(`/api/agreements/${slug}`)) as { themes: { indicators: { key: string }[]; outcomes: { number: number; indicators: { key: string }[] }[] }[] };
    await read(`/api/agreements/${slug}/freedoms`);
    await read(`/api/agreements/${slug}/outcomes`);
    await read(`/api/agreements/${slug}/negotiation`);
    await read(`/api/agreements/${slug}/reward`);
    await read(`/api/agreements/${slug}/consultation-diary`);
    await read(`/api/agreements/${slug}/funding-streams`);
    const keys = new Set<string>();
    for (const theme of agreement.themes) {
      for (const indicator of theme.indicators) keys.add(indicator.key);
      for (const outcome of theme.outcomes) {
        await read(`/api/agreements/${slug}/outcomes/${outcome.number}`);
        for (const indicator of outcome.indicators) keys.add(indicator.key);
      }
    }
    for (const key of keys) await read(`/api/agreements/${slug}/indicators/${key}`);
    if (keys.has("ni-47")) await read(`/api/agreements/${slug}/indicators/ni-47/delivery-plan`);
  }
  for (let page = 1; ; page += 1) {
    const catalogue = (await read(`/api/indicators?limit=500&page=${page}`)) as { indicators: { key: string }[]; total: number };
    for (const { key } of catalogue.indicators) await read(`/api/indicators/${key}`);
    if (page * 500 >= catalogue.total) break;
  }
  await read("/api/organisations");
  await read("/api/areas");
  return answers;
}

describe("the demo's answers", () => {
  it("carry no note about the transcription in any string: agreements, indicators, outcomes, freedoms, catalogue, organisations, areas", async () => {
    const found: string[] = [];
    const answers = await everyDemoAnswer();
    expect(answers.length).toBeGreaterThan(300);
    for (const [url, body] of answers) {
      for (const [path, text] of stringsOf(body, "")) {
        const remark = transcriptionRemark.exec(text);
        if (remark) found.push(`${url} ${path}: "${remark[0]}" in "${text.slice(0, 160)}"`);
      }
    }
    // One line per string: the same note may be served by many answers.
    expect([...new Set(found.map((line) => line.replace(/^\S+ /, "")))]).toEqual([]);
  }, 300_000);
});
