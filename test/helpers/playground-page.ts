/**
 * Driving the playground page in headless Chromium for test/playground-browser.test.ts: one browser for
 * the file, a page per test opened on a hash, and what every page did recorded (each request, each CSP
 * violation, each script error), so the test can check that nothing left the page.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium as playwright, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildPlayground } from '../../scripts/playground.mjs';
import { inNotes, type Document } from '../../src/document/model.js';

export class PlaygroundSession {
  /** Every request a page made (URL; `intercepted: …` for one that was stopped). */
  readonly requests: string[] = [];
  readonly violations: string[] = [];
  readonly pageErrors: string[] = [];

  private constructor(
    private readonly browser: Browser,
    private readonly context: BrowserContext,
    readonly url: string,
  ) {}

  /** Builds the page from the current source into `file`, and starts Chromium (clipboard allowed, requests intercepted). */
  static async start(chromium: string, root: string, file: string): Promise<PlaygroundSession> {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, await buildPlayground(root));
    const browser = await playwright.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu'] });
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const session = new PlaygroundSession(browser, context, pathToFileURL(file).href);
    // Request interception: the page's own file loads; anything else is recorded (and fails the test) and aborted.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.split('#')[0] === session.url) return route.continue();
      session.requests.push(`intercepted: ${url}`);
      return route.abort();
    });
    return session;
  }

  /** A new page on `hash`, once it has rendered and drawn its plot. */
  async open(hash = '', viewport = { width: 1200, height: 900 }): Promise<Page> {
    const page = await this.context.newPage();
    await page.setViewportSize(viewport);
    page.on('request', (r) => this.requests.push(r.url()));
    page.on('pageerror', (e) => this.pageErrors.push(e.message));
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) this.violations.push(m.text());
    });
    await page.goto(this.url + hash);
    await page.waitForFunction(() => Number(document.body.dataset['updates'] ?? 0) >= 1);
    await settle(page);
    return page;
  }

  close(): Promise<void> {
    return this.browser.close();
  }
}

/** Waits until the page has no update or plot scheduled (src/playground/main.ts marks them in data-pending). */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset['pending'] === undefined);
}

/** Replaces the input by typing `text` key by key; resolves when the page has updated after the last key. */
export async function typeInput(page: Page, text: string): Promise<void> {
  await page.focus('#f');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
  await page.waitForFunction((t) => (document.querySelector('#f') as HTMLTextAreaElement).value === t, text);
  await settle(page);
}

export const resultText = (page: Page): Promise<string> => page.$eval('#result-text', (e) => e.textContent ?? '');

/** The LaTeX KaTeX typeset in a container (from its MathML annotations), one entry per display formula. */
export const typesetLatex = (page: Page, selector: string): Promise<string[]> =>
  page.$$eval(`${selector} > .katex-display annotation[encoding="application/x-tex"]`, (els) => els.map((e) => e.textContent ?? ''));

/**
 * Sets the wrt toggles to exactly these variables, by clicking (as a person would). Each toggle is found
 * anew after the page has updated from the last click: an update may rebuild the list, and a handle held
 * from before would point at a box no longer in the page ("not attached to the DOM", now and then).
 */
export async function chooseWrt(page: Page, names: readonly string[]): Promise<void> {
  const all = await page.$$eval('#wrt-list input[type=checkbox]', (els) => els.map((e) => (e as HTMLInputElement).dataset['name'] ?? ''));
  for (const name of all) {
    const box = `#wrt-list input[type=checkbox][data-name="${name}"]`;
    if ((await page.isChecked(box)) !== names.includes(name)) {
      await page.click(box);
      await settle(page);
    }
  }
}

/**
 * The display formulas a document's note shows, in page order (src/document/html.ts typesets these as
 * displays): each math item, and a derivation's definitions, steps and result; a program's steps.
 */
export function noteDisplays(doc: Document | undefined): string[] {
  const out: string[] = [];
  for (const s of doc?.sections ?? []) {
    if (!inNotes(s)) continue;
    for (const b of s.blocks) {
      if (b.kind === 'math') out.push(...b.items.map((m) => m.latex));
      else if (b.kind === 'derivation') out.push(...b.parts.definitions, ...b.parts.steps.map((st) => st.equation), b.parts.result);
      else if (b.kind === 'steps') out.push(...b.steps.map((st) => st.equation));
    }
  }
  return out;
}

/** The rules of a document's derivation steps, in order (the page's li[data-rule]). */
export function derivationRules(doc: Document | undefined): string[] {
  return (doc?.sections ?? []).flatMap((s) => s.blocks).flatMap((b) => (b.kind === 'derivation' ? b.parts.steps.map((st) => st.rule) : []));
}
