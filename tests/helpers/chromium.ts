// Debian's chromium driven by playwright-core, set up the same way for every browser suite: launching,
// signing a browser in as a test account, waiting for the editor, and running axe-core.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { clientDistDir } from '../../server/paths.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Fails early, with the fix, when the client bundle the server serves has not been built. */
export function assertClientBuilt(): void {
  if (!fs.existsSync(path.join(clientDistDir, '.vite', 'manifest.json'))) {
    throw new Error('dist/client is missing: run `npm run build:client` (npm test does it in pretest)');
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** The session cookie's name (server/plugins/auth.ts). */
export const SESSION_COOKIE = 'ens_session';

/**
 * Signs every page of the context in as the account, as signing in on /login would: its session cookie,
 * for the server's origin (HTTP pages and the live channel's WebSocket alike).
 */
export async function signIn(context: BrowserContext, server: { url: string }, account: { sessionCookie: string }): Promise<void> {
  await context.addCookies([{ name: SESSION_COOKIE, value: account.sessionCookie, url: server.url }]);
}

/** The window every suite browses in. */
export const DESKTOP_VIEWPORT = { width: 1280, height: 900 };

/**
 * A browser context of its own (storage, offline copy, cookies) for one person: signed in as `account` on
 * `server`, or an anonymous visitor when it is null. The caller closes it.
 */
export async function newPersonContext(
  browser: Browser,
  server: { url: string },
  account: { sessionCookie: string } | null,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: DESKTOP_VIEWPORT, ...options });
  try {
    if (account) await signIn(context, server, account);
  } catch (error) {
    await context.close();
    throw error;
  }
  return context;
}

/** The body turns editable once the page's state has arrived (from the server or the offline copy). */
export async function waitUntilEditable(page: Page, bodyLabel = 'Page content'): Promise<void> {
  await page.locator(`[contenteditable="true"][aria-label="${bodyLabel}"]`).waitFor();
}

export const editorBody = (page: Page) => page.getByRole('textbox', { name: 'Page content' });

/**
 * Lets the editor catch up with a caret moved by a navigation key. Lexical reads the caret from the
 * `selectionchange` event, which fires in a later task than the key: End then Enter sent in the same instant
 * would act on the old selection. A person never types two keys within one frame.
 */
export async function afterCaretMove(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

// ---- axe-core ----

export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const axePath = createRequire(import.meta.url).resolve('axe-core');

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/**
 * Runs axe-core's WCAG 2.1 A and AA rules on the page and describes each violation by rule, impact, help and
 * the elements at fault. axe is injected as a script, which the site's strict CSP refuses: the page's context
 * must have been made with `bypassCSP: true`.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: unknown }> } }).axe;
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return results.violations as AxeViolation[];
  }, WCAG_21_AA);
  return violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'unknown impact'}): ${v.help} [${v.helpUrl}]\n` +
      v.nodes
        .map((n) => `    at ${JSON.stringify(n.target)}: ${n.html.slice(0, 200)}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
        .join('\n'),
  );
}

/** What every page must have whatever its content: its language, one h1 and one main landmark. */
export async function pageFrame(page: Page): Promise<{ lang: string | null; h1: number; main: number }> {
  return page.evaluate(() => ({
    lang: document.documentElement.getAttribute('lang'),
    h1: document.querySelectorAll('h1').length,
    main: document.querySelectorAll('main, [role="main"]').length,
  }));
}
