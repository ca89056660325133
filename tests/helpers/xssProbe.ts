// A chromium tab that looks at one page after another the way a reader would, does what a reader might
// (hovers, focuses, follows `javascript:` links) and reports anything that ran or could run: markers set by
// stored payloads (see xssCorpus.ts) in any frame, dialogs, script errors, Content-Security-Policy refusals,
// and markup that can carry script (event-handler attributes, script URLs, frames, <base>, meta refresh).
// A tab looks as an anonymous visitor or signed in as a given account.
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { DESKTOP_VIEWPORT, newPersonContext } from './chromium.js';
import { xssCorpus } from './xssCorpus.js';

export interface ProbeFindings {
  /** `__xss` values found, as "frame url: value". Any entry is a payload that ran. */
  markers: string[];
  dialogs: string[];
  pageErrors: string[];
  cspViolations: string[];
  /** Markup able to run script, as "frame url: description". */
  dangerousMarkup: string[];
}

export interface ProbeTab {
  readonly page: Page;
  /** False once the tab crashed or closed; open another. */
  readonly usable: boolean;
  /** Forgets what earlier pages reported; call before navigating to the next page to look at. */
  begin(): void;
  /** Serves `html` at `url` exactly as given, with no Content-Security-Policy, and opens it in a fresh window. */
  openHtml(url: string, html: string): Promise<void>;
  /** Hovers, focuses and follows script links, waits for what that may start, then reports. */
  provokeAndCollect(): Promise<ProbeFindings>;
  close(): Promise<void>;
}

/**
 * Time for what a hover or focus may start (animations, toggles) to run, after two frames; image errors and
 * frame loads have already happened by the load event. The corpus samples check that this is long enough.
 */
const AFTERMATH_MS = 50;
const FRAME_TIMEOUT_MS = 5_000;

/** Whose browser a tab is: signed in with this session cookie on the server at `url`. */
export interface ProbeViewer {
  url: string;
  sessionCookie: string;
}

export interface ProbeTabOptions {
  /** Turns the site's CSP off, so the markup itself is what is tested. */
  bypassCSP?: boolean;
  /** Signed in as this viewer; an anonymous visitor when absent. */
  viewer?: ProbeViewer | null;
}

export async function openProbeTab(browser: Browser, options: ProbeTabOptions = {}): Promise<ProbeTab> {
  const viewer = options.viewer ?? null;
  const contextOptions = { bypassCSP: options.bypassCSP ?? false };
  const context: BrowserContext = viewer
    ? await newPersonContext(browser, viewer, viewer, contextOptions)
    : await browser.newContext({ viewport: DESKTOP_VIEWPORT, ...contextOptions });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  let dialogs: string[] = [];
  let pageErrors: string[] = [];
  let cspViolations: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (error) => pageErrors.push(String(error?.stack ?? error)));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  // Content can crash or close its tab (Chromium closes a tab whose javascript: frame is inspected, for one).
  let gone: string | null = null;
  page.on('crash', () => (gone = 'the tab crashed'));
  page.on('close', () => (gone ??= 'the tab closed'));
  return {
    page,
    get usable() {
      return gone === null;
    },
    begin() {
      dialogs = [];
      pageErrors = [];
      cspViolations = [];
    },
    async openHtml(url, html) {
      await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }), { times: 1 });
      await page.goto(url);
    },
    async provokeAndCollect() {
      for (const frame of page.frames()) await safely(frame, provokeInFrame);
      await safely(page.mainFrame(), () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
      await page.waitForTimeout(AFTERMATH_MS);
      const markers: string[] = [];
      const dangerousMarkup: string[] = [];
      for (const frame of page.frames()) {
        const marker = await safely(frame, () => (self as unknown as { __xss?: unknown }).__xss);
        if (marker !== undefined) markers.push(`${frame.url().slice(0, 120)}: ${String(marker)}`);
        const found = (await safely(frame, findDangerousMarkup)) ?? [];
        dangerousMarkup.push(...found.map((entry) => `${frame.url().slice(0, 120)}: ${entry}`));
      }
      if (gone) pageErrors.push(`${gone} while being probed`);
      return { markers, dialogs: [...dialogs], pageErrors: [...pageErrors], cspViolations: [...cspViolations], dangerousMarkup };
    },
    close: () => context.close(),
  };
}

/** One page a reader can open, what it must show, and how to tell it has loaded what was written. */
export interface View {
  /** Names the page and the path the content took, in failures: "editor /wiki/x/edit (paragraph text)". */
  name: string;
  /** Turns the site's CSP off, so the markup itself is what is tested. */
  bypassCSP?: boolean;
  /** Looked at signed in as this viewer; as an anonymous visitor when absent. */
  viewer?: ProbeViewer | null;
  open(tab: ProbeTab): Promise<void>;
  /** Waits until the page shows what was written (the editor syncs after it loads). */
  ready?(page: Page): Promise<void>;
  /** The visible text that must still contain each of `expectVisible`, compared with `squash`. */
  visibleText?(page: Page): Promise<string>;
  expectVisible?: string[];
}

/** Text without white space and control characters, which titles, inputs and renders may fold or drop. */
// eslint-disable-next-line no-control-regex
export const squash = (text: string) => text.replace(/[\s\u0000-\u001f\u007f\u2028\u2029\ufffd]/g, '');

const payloadsById = new Map(xssCorpus.map((p) => [p.id, p]));

/** "url: ,21,40" → also names the payloads with those ids, so a failure says exactly what ran. */
function explainMarker(entry: string): string {
  const ids = (/: ([\d,]*)$/.exec(entry)?.[1] ?? '').split(',').filter(Boolean).map(Number);
  const named = ids.map((id) => payloadsById.get(id)).map((p) => (p ? `#${p.id} (${p.family}) ${JSON.stringify(p.payload)}` : '?'));
  return `${entry} — ${named.join('; ')}`;
}

export function describeFindings(where: string, findings: ProbeFindings): string[] {
  return [
    ...findings.markers.map((m) => `${where}: SCRIPT RAN, __xss in ${explainMarker(m)}`),
    ...findings.dialogs.map((d) => `${where}: dialog opened: ${d}`),
    ...findings.pageErrors.map((e) => `${where}: page error: ${e.slice(0, 300)}`),
    ...findings.cspViolations.map((c) => `${where}: CSP refused something: ${c.slice(0, 300)}`),
    ...findings.dangerousMarkup.map((d) => `${where}: markup that can run script: ${d}`),
  ];
}

/** Opens the view, provokes it and returns every problem found, so one run reports everything that ran. */
export async function problemsIn(tab: ProbeTab, view: View): Promise<string[]> {
  const problems: string[] = [];
  tab.begin();
  await view.open(tab);
  try {
    await view.ready?.(tab.page);
  } catch (error) {
    problems.push(`${view.name}: never showed the written content: ${String(error).slice(0, 300)}`);
  }
  if (view.visibleText && view.expectVisible) {
    const visible = squash(await view.visibleText(tab.page));
    for (const expected of view.expectVisible) {
      if (!visible.includes(squash(expected))) problems.push(`${view.name}: not shown as text: ${JSON.stringify(expected)}`);
    }
  }
  problems.push(...describeFindings(view.name, await tab.provokeAndCollect()));
  return problems;
}

/**
 * Looks at every view, `tabsAtOnce` tabs at a time, each in a tab of the view's kind (CSP or not, anonymous
 * or signed in as its viewer); a tab that content crashed or closed is replaced.
 */
export async function problemsInAll(browser: Browser, views: View[], tabsAtOnce = 3): Promise<string[]> {
  const queue = [...views];
  const problems: string[] = [];
  const worker = async () => {
    const tabs = new Map<string, ProbeTab>();
    try {
      for (let view = queue.shift(); view; view = queue.shift()) {
        const bypassCSP = view.bypassCSP ?? false;
        const viewer = view.viewer ?? null;
        const kind = JSON.stringify([bypassCSP, viewer?.url ?? null, viewer?.sessionCookie ?? null]);
        let tab = tabs.get(kind);
        if (!tab || !tab.usable) {
          await tab?.close().catch(() => {});
          tab = await openProbeTab(browser, { bypassCSP, viewer });
          tabs.set(kind, tab);
        }
        problems.push(...(await problemsIn(tab, view)));
      }
    } finally {
      await Promise.all([...tabs.values()].map((tab) => tab.close().catch(() => {})));
    }
  };
  await Promise.all(Array.from({ length: tabsAtOnce }, worker));
  return problems.sort();
}

/**
 * A frame that navigated or went away while being probed is reported by its parent (or, if the whole tab
 * went, by `usable`), not as a test error. Bounded, so a frame that never answers cannot hang the suite.
 */
async function safely<T>(frame: Frame, fn: () => T): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      frame.evaluate(fn),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`frame ${frame.url().slice(0, 80)} did not answer`)), FRAME_TIMEOUT_MS))),
    ]);
  } catch (error) {
    if (/Execution context was destroyed|Frame was detached|Target closed|has been closed/i.test(String(error))) return undefined;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

// The two functions below run inside the browser: they may use nothing from this module.

function provokeInFrame(): void {
  const protocolOf = (link: Element) => {
    const href = (link as unknown as { href?: string | { baseVal: string } }).href;
    try {
      return new URL(typeof href === 'string' ? href : (href?.baseVal ?? ''), document.baseURI).protocol;
    } catch {
      return '';
    }
  };
  // Following a link can run script only for a javascript: URL; any other navigation would just leave the
  // page under test, so it is cancelled (where those links point is checked by findDangerousMarkup).
  addEventListener(
    'click',
    (event) => {
      const link = (event.target as Element | null)?.closest?.('a, area');
      if (!link || protocolOf(link) !== 'javascript:') event.preventDefault();
    },
    true,
  );
  for (const element of Array.from(document.querySelectorAll('*'))) {
    for (const type of ['mouseover', 'mouseenter', 'mousemove', 'pointerover', 'pointerenter']) {
      element.dispatchEvent(new MouseEvent(type, { bubbles: type !== 'mouseenter' && type !== 'pointerenter' }));
    }
    if (element instanceof HTMLElement || element instanceof SVGElement) {
      element.focus({ preventScroll: true });
      element.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    }
    // HTML and SVG links alike; a synthetic click still follows a link.
    if (element.localName === 'a' || element.localName === 'area') {
      element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    }
  }
}

function findDangerousMarkup(): string[] {
  const found: string[] = [];
  const safeProtocols = new Set(['http:', 'https:', 'mailto:']);
  const describe = (element: Element) => element.outerHTML.slice(0, 160);
  const isUnsafeUrl = (value: string) => {
    let url: URL;
    try {
      url = new URL(value, document.baseURI);
    } catch {
      return false; // a URL the browser cannot parse goes nowhere
    }
    return !safeProtocols.has(url.protocol) && url.href !== 'about:blank';
  };
  const urlAttributes = new Set(['href', 'xlink:href', 'src', 'action', 'formaction', 'data', 'poster', 'background', 'codebase', 'srcset']);
  // The site's own <link>s: styles, icons, and the discovery links of its feeds and oEmbed, on its own origin.
  const ownLink = (element: Element) => {
    const rel = element.getAttribute('rel') ?? '';
    if (/^(stylesheet|icon|canonical|modulepreload|preload)$/i.test(rel)) return true;
    if (!/^alternate$/i.test(rel) || !/^application\/(json\+oembed|atom\+xml)$/i.test(element.getAttribute('type') ?? '')) return false;
    try {
      return new URL(element.getAttribute('href') ?? '', document.baseURI).origin === location.origin;
    } catch {
      return false;
    }
  };
  const ownScript = (element: Element) =>
    (element.getAttribute('type') === 'application/json' && element.id === 'ensemble-boot') ||
    (element.getAttribute('src') ?? '').startsWith('/assets/');
  for (const element of Array.from(document.querySelectorAll('*'))) {
    const tag = element.localName;
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) found.push(`event handler ${name}: ${describe(element)}`);
      else if (name === 'srcdoc') found.push(`srcdoc: ${describe(element)}`);
      else if (urlAttributes.has(name) && isUnsafeUrl(attribute.value)) found.push(`${name} URL: ${describe(element)}`);
      else if (name === 'style' && /javascript:|expression\s*\(|behavior\s*:|-moz-binding/i.test(attribute.value)) {
        found.push(`style: ${describe(element)}`);
      }
    }
    if (tag === 'script' && !ownScript(element)) found.push(`script: ${describe(element)}`);
    else if (['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal'].includes(tag)) found.push(`${tag}: ${describe(element)}`);
    else if (tag === 'meta' && element.hasAttribute('http-equiv')) found.push(`meta http-equiv: ${describe(element)}`);
    else if (tag === 'link' && !ownLink(element)) {
      found.push(`link: ${describe(element)}`);
    } else if (tag === 'style' && /javascript:|@import|expression\s*\(/i.test(element.textContent ?? '')) found.push(`style: ${describe(element)}`);
  }
  return found;
}
