// Debian's chromium driven by playwright-core, set up the same way for every browser suite.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
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
