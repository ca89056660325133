// The catalogue in chromium against the real server: instant faceted search in the page (results, counts and
// address change as you type and tick, with no page load, and the address reloads to the same results from
// the server); the browser's copy of the index answering a set of queries exactly as GET /api/v1/catalogue
// does; search that keeps working when the network drops, and from the saved copy when the index cannot be
// fetched; the entry form in the editor co-edited live by two people, with bad values refused or flagged and
// kept out of the catalogue; and axe-core's WCAG 2.1 AA rules on the catalogue and the entry form.
// Needs the client bundle (`npm run build:client`) and chromium.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { jest } from '@jest/globals';
import { translator } from '../../shared/i18n/index.js';
import { facetInputId } from '../../shared/catalogue/CatalogueView.js';
import { catalogueQueryString, parseCatalogueQuery } from '../../shared/catalogue/catalogueQuery.js';
import { FACETS, MIN_YEAR, type EntryFields } from '../../shared/catalogue/fields.js';
import { CATALOGUE_SPACE_ID } from '../../server/catalogue/catalogue.service.js';
import { assertClientBuilt, axeViolations, launchChromium, newPersonContext, pageFrame, waitUntilEditable } from '../helpers/chromium.js';
import { apiCall, startTestServer, waitFor, type TestAccount, type TestServer } from '../helpers/testServer.js';

jest.setTimeout(180_000);

/** Upper bound for anything that crosses the network or waits for a re-render (debounced 0.4–1.5 s). */
const SETTLE_MS = 15_000;
const t = translator('en');

let server: TestServer;
let browser: Browser;
let alice: TestAccount;
let bob: TestAccount;
const contexts: BrowserContext[] = [];

type Fixture = [title: string, lang: string, fields: Partial<EntryFields>, body: string];
/** Fifteen entries in four languages, so text, stemming, prefixes and every facet have something to tell apart. */
const ENTRIES: Fixture[] = [
  ['GCpedia', 'en', { country: 'CA', level: 'national', kind: 'internal-wiki', year: 2008, status: 'active', languages: ['en', 'fr'], tags: ['Wiki', 'Collaboration'], summary: 'The internal wiki of the Government of Canada.' }, 'Public servants share knowledge and draft documents together.'],
  ['Données Québec', 'fr', { country: 'CA', level: 'provincial', kind: 'open-data', year: 2015, status: 'active', languages: ['fr'], tags: ['Données ouvertes'], summary: 'Portail de données ouvertes des organismes publics québécois.' }, 'Les ministères publient leurs jeux de données.'],
  ['Sveriges dataportal', 'sv', { country: 'SE', level: 'national', kind: 'open-data', year: 2018, status: 'active', languages: ['sv', 'en'], tags: ['Öppna data'], summary: 'Öppna data från svenska myndigheter.' }, 'Portalen samlar data från kommuner och myndigheter.'],
  ['Toronto Open Data', 'en', { country: 'CA', level: 'municipal', kind: 'open-data', year: 2009, status: 'active', languages: ['en'], tags: ['open data', 'Transparency'], summary: 'Datasets published by the City of Toronto.' }, 'Transit, budgets and permits as open datasets.'],
  ['Challenge.gov', 'en', { country: 'US', level: 'national', kind: 'challenge', year: 2010, status: 'ended', languages: ['en'], tags: ['Prizes'], summary: 'Prize competitions run by federal agencies.' }, 'Agencies post problems and the public proposes solutions.'],
  ['data.overheid.nl', 'nl', { country: 'NL', level: 'national', kind: 'open-data', year: 2011, status: 'active', languages: ['nl'], tags: ['Open data'], summary: 'Open gegevens van de Nederlandse overheid.' }, 'Het portaal verzamelt datasets van gemeenten en ministeries.'],
  ['Amsterdam denkt mee', 'nl', { country: 'NL', level: 'municipal', kind: 'citizen-engagement', year: 2016, status: 'active', languages: ['nl', 'en'], summary: 'Bewoners denken mee over plannen van de gemeente.' }, 'De gemeente vraagt bewoners om ideeën.'],
  ['Intellipedia', 'en', { country: 'US', level: 'national', kind: 'internal-wiki', year: 2006, status: 'active', languages: ['en'], tags: ['Wiki', 'Intelligence'], summary: 'A wiki shared by US intelligence agencies.' }, 'Analysts write assessments together.'],
  ['GCconnex', 'en', { country: 'CA', level: 'national', kind: 'internal-social-network', year: 2013, status: 'ended', languages: ['en', 'fr'], tags: ['Collaboration'], summary: 'The social network of the public service of Canada.' }, 'Groups, blogs and discussions for public servants.'],
  ['Budget participatif de Paris', 'fr', { country: 'FR', level: 'municipal', kind: 'citizen-engagement', year: 2014, status: 'active', languages: ['fr'], tags: ['Budget participatif'], summary: 'Les Parisiens votent pour des projets financés par la ville.' }, 'Chaque année, les habitants proposent et choisissent des projets.'],
  ['data.gouv.fr', 'fr', { country: 'FR', level: 'national', kind: 'open-data', year: 2011, status: 'active', languages: ['fr'], tags: ['Données ouvertes', 'Transparency'], summary: 'La plateforme ouverte des données publiques françaises.' }, 'Les administrations publient leurs données.'],
  ['EU Open Data Portal', 'en', { country: 'EU', level: 'international', kind: 'open-data', year: 2012, status: 'active', languages: ['en', 'fr', 'de', 'sv', 'nl'], tags: ['Open data'], summary: 'Data published by the institutions of the European Union.' }, 'Datasets from every institution and agency.'],
  ['Code.gov', 'en', { country: 'US', level: 'national', kind: 'open-source', year: 2016, status: 'active', languages: ['en'], tags: ['Open source'], summary: 'Sharing the source code of federal software.' }, 'Agencies publish and reuse code.'],
  ['Stockholms medborgarbudget', 'sv', { country: 'SE', level: 'municipal', kind: 'citizen-engagement', year: 2019, status: 'ended', languages: ['sv'], summary: 'Invånare föreslår och röstar om projekt i staden.' }, 'Medborgare röstade om hur budgeten skulle användas.'],
  ['Ontario Budget Talks', 'en', { country: 'CA', level: 'provincial', kind: 'crowdsourcing', year: 2017, status: 'ended', languages: ['en', 'fr'], tags: ['Budget participatif', 'Budgets'], summary: 'Ontarians proposed ideas for the provincial budget.' }, 'People voted on ideas to fund.'],
];

beforeAll(async () => {
  assertClientBuilt();
  server = await startTestServer();
  alice = await server.createAccount('alice', 'editor');
  bob = await server.createAccount('bob', 'editor');
  browser = await launchChromium();
  for (const [title, lang, fields, text] of ENTRIES) {
    await server.app.services.pages.create(
      { title, lang, entry: fields, blocks: [{ kind: 'paragraph', text }] },
      { spaceId: CATALOGUE_SPACE_ID, userId: server.accounts.admin.id },
    );
  }
  // An entry only its restricted space's members (and admins) may read: never in a visitor's index.
  const vault = (await apiCall(server, 'POST', '/spaces', server.accounts.admin, { name: 'Vault', classification: 'unclassified', access: 'restricted' })).json() as { id: string };
  await server.app.services.pages.create(
    { title: 'Secret open data vault', lang: 'en', entry: { country: 'CA', kind: 'open-data', summary: 'Open data nobody else may see.' }, blocks: [{ kind: 'paragraph', text: 'Hidden.' }] },
    { spaceId: vault.id, userId: server.accounts.admin.id },
  );
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  // Browser first, so its sockets are gone before the server waits for connections to end.
  await browser?.close();
  await server?.close();
});

async function openTab(as: TestAccount | null = null, options: { javaScriptEnabled?: boolean; bypassCSP?: boolean; viewport?: { width: number; height: number } } = {}): Promise<Page> {
  const context = await newPersonContext(browser, server, as, options);
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(SETTLE_MS);
  return page;
}

interface ApiResult {
  total: number;
  entries: { id: string; slug: string; title: string; website: string | null; organisation: string; kind: string | null; year: number | null; languages: string[] }[];
  facets: Record<string, { value: string; count: number }[]>;
}

async function api(query: string, as: TestAccount | null = null): Promise<ApiResult> {
  const response = await apiCall(server, 'GET', `/catalogue?${query}${query ? '&' : ''}limit=100`, as);
  expect(response.statusCode).toBe(200);
  return response.json() as ApiResult;
}

/** Opens /catalogue (at `search`) and waits until the page searches by itself. */
async function openCatalogue(page: Page, search = ''): Promise<void> {
  await page.goto(`${server.url}/catalogue${search}`);
  await page.locator('.catalogue-live[data-instant="ready"]').waitFor();
}

/** Marks the document, so a page load (which would drop the mark) can be told from an in-page update. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
}
async function sameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);
}

/** What the page shows: result slugs in order, the status line, and each facet's values with their counts. */
async function shown(page: Page): Promise<{ slugs: string[]; status: string; facets: Record<string, [string, number][]> }> {
  return page.evaluate((facets) => {
    const slugs = [...document.querySelectorAll<HTMLAnchorElement>('#catalogue-results .catalogue-result h3 a')].map((a) =>
      decodeURIComponent(new URL(a.href).pathname.replace(/^\/wiki\//, '')),
    );
    const counts: Record<string, [string, number][]> = {};
    for (const facet of facets) {
      counts[facet] = [...document.querySelectorAll<HTMLInputElement>(`#catalogue-facet-${facet} input[type="checkbox"]`)].map((input) => {
        const label = document.querySelector(`label[for="${CSS.escape(input.id)}"]`)?.textContent ?? '';
        return [input.value, Number(/\((\d+)\)\s*$/.exec(label)?.[1] ?? NaN)];
      });
    }
    return { slugs, status: document.getElementById('catalogue-status')?.textContent ?? '', facets: counts };
  }, [...FACETS]);
}

function expected(result: ApiResult): { slugs: string[]; status: string; facets: Record<string, [string, number][]> } {
  const status = result.total === 0 ? t('catalogue.results.countNone') : result.total === 1 ? t('catalogue.results.countOne') : t('catalogue.results.count', { count: result.total });
  return {
    slugs: result.entries.map((e) => e.slug),
    status,
    facets: Object.fromEntries(FACETS.map((facet) => [facet, result.facets[facet].map((v) => [v.value, v.count] as [string, number])])),
  };
}

/**
 * Has the page answer a query by itself: a link to that state of the catalogue, followed inside the page the
 * way "Clear filters" is, so the page parses the address and searches its own index.
 */
async function searchInPage(page: Page, search: string): Promise<void> {
  await page.evaluate((href) => {
    const link = document.createElement('a');
    link.href = href;
    document.querySelector('.catalogue-live')!.append(link);
    link.click();
    link.remove();
  }, `/catalogue?${search}`);
}

describe('instant catalogue search', () => {
  it('updates results, counts and the address as you type and tick, without a page load; the address reloads to the same results', async () => {
    const page = await openTab();
    await openCatalogue(page);
    expect(await shown(page)).toEqual(expected(await api('')));
    await markDocument(page);

    await page.locator('#catalogue-q').click();
    await page.keyboard.type('open data');
    const typed = expected(await api('q=open+data'));
    await waitFor(() => shown(page), (s) => JSON.stringify(s) === JSON.stringify(typed), SETTLE_MS, 'results for "open data"');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('catalogue-q');

    const canada = page.locator(`#${facetInputId('country', 'CA')}`);
    await canada.check();
    const ticked = expected(await api('q=open+data&country=CA'));
    await waitFor(() => shown(page), (s) => JSON.stringify(s) === JSON.stringify(ticked), SETTLE_MS, 'results for "open data" in Canada');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(facetInputId('country', 'CA'));
    await page.locator(`#${facetInputId('level', 'municipal')}`).check();
    const both = expected(await api('q=open+data&level=municipal&country=CA'));
    await waitFor(() => shown(page), (s) => JSON.stringify(s) === JSON.stringify(both), SETTLE_MS, 'results with two facets');
    expect(both.slugs.length).toBeGreaterThan(0);

    expect(new URL(page.url()).search).toBe('?q=open+data&level=municipal&country=CA');
    expect(await sameDocument(page)).toBe(true);

    // The same address, served by the server to a browser without JavaScript, shows the same.
    const plain = await openTab(null, { javaScriptEnabled: false });
    await plain.goto(page.url());
    expect(await shown(plain)).toEqual(both);

    // Reloaded with JavaScript, the page takes over from the server's rendering with the same state.
    await page.reload();
    await page.locator('.catalogue-live[data-instant="ready"]').waitFor();
    expect(await shown(page)).toEqual(both);
    expect(await page.locator('#catalogue-q').inputValue()).toBe('open data');
    expect(await page.locator(`#${facetInputId('country', 'CA')}`).isChecked()).toBe(true);
  });

  it("computes the same entries, order and counts in the browser as GET /api/v1/catalogue, for text, prefixes, facets and four languages", async () => {
    const queries = [
      'q=wiki',
      'q=open+da',
      'q=donn%C3%A9es',
      'q=donnees+publiques',
      'q=myndigheter',
      'q=gegevens+overheid',
      'q=bewoners',
      'q=budgets',
      'q=the',
      'level=national',
      'q=zzzz',
      'kind=open-data&country=CA',
      'q=data&language=fr',
      'kind=open-data&kind=citizen-engagement&status=active',
      'tag=transparency',
      'year=2011&year=2016',
      'q=agencies&country=US&status=active',
    ];
    const page = await openTab();
    await openCatalogue(page);
    await markDocument(page);
    for (const query of queries) {
      const want = expected(await api(query));
      await searchInPage(page, query);
      await waitFor(() => shown(page), (s) => JSON.stringify(s) === JSON.stringify(want), SETTLE_MS, `the browser's answer to ${query}`);
      // The address is the query's one canonical form.
      expect(new URL(page.url()).search).toBe(`?${catalogueQueryString(parseCatalogueQuery(new URLSearchParams(query)).query)}`);
    }
    expect(await sameDocument(page)).toBe(true);
    // The visitor's index never held the restricted entry.
    const index = await (await fetch(`${server.url}/catalogue/index.json`)).text();
    expect(index).not.toContain('Secret open data vault');
  });

  it('keeps searching when the network drops, and searches the saved copy when the index cannot be fetched', async () => {
    const page = await openTab();
    await openCatalogue(page);
    await markDocument(page);
    await page.context().setOffline(true);
    await page.locator('.catalogue-live__notice', { hasText: 'You are offline' }).waitFor();
    await page.locator('#catalogue-q').fill('wiki');
    const want = expected(await api('q=wiki'));
    await waitFor(() => shown(page), (s) => JSON.stringify(s) === JSON.stringify(want), SETTLE_MS, 'offline results');
    expect(await sameDocument(page)).toBe(true);
    await page.context().setOffline(false);

    // The page itself needs the server; its index, when it cannot be fetched, comes from the saved copy.
    await page.route('**/catalogue/index.json', (route) => route.abort('internetdisconnected'));
    await page.goto(`${server.url}/catalogue`);
    await page.locator('.catalogue-live[data-instant="ready"]').waitFor();
    await page.locator('.catalogue-live__notice', { hasText: 'could not be loaded' }).waitFor();
    await page.locator('#catalogue-q').fill('budgets');
    const budgets = expected(await api('q=budgets'));
    await waitFor(() => shown(page), (s) => JSON.stringify(s) === JSON.stringify(budgets), SETTLE_MS, 'results from the saved copy');
  });

  it('revalidates the saved copy instead of downloading it again', async () => {
    const page = await openTab();
    await openCatalogue(page);
    const statuses: number[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/catalogue/index.json') statuses.push(response.status());
    });
    await page.reload();
    await page.locator('.catalogue-live[data-instant="ready"]').waitFor();
    expect(statuses).toEqual([304]);
  });

  it('passes axe-core WCAG 2.1 AA with results and facets, a facet ticked, and in French', async () => {
    const page = await openTab(null, { bypassCSP: true });
    await openCatalogue(page);
    expect(await pageFrame(page)).toEqual({ lang: 'en', h1: 1, main: 1 });
    expect(await axeViolations(page)).toEqual([]);
    await page.locator(`#${facetInputId('kind', 'open-data')}`).check();
    await page.locator('#catalogue-q').fill('data');
    const filtered = expected(await api('q=data&kind=open-data'));
    await waitFor(() => shown(page), (s) => JSON.stringify(s) === JSON.stringify(filtered), SETTLE_MS, 'filtered results');
    expect(await axeViolations(page)).toEqual([]);

    const french = await openTab(null, { bypassCSP: true });
    await openCatalogue(french, '?lang=fr');
    expect(await pageFrame(french)).toEqual({ lang: 'fr', h1: 1, main: 1 });
    expect(await axeViolations(french)).toEqual([]);
  });
});

describe('the entry form in the editor', () => {
  const form = (page: Page) => page.getByRole('complementary', { name: t('entryForm.heading') });
  const field = (page: Page, name: 'summary' | 'organisation' | 'website' | 'year' | 'kind' | 'country') =>
    form(page).getByLabel(t(`catalogue.field.${name}`), { exact: true });

  async function createEntry(title: string, fields: Partial<EntryFields>) {
    return server.app.services.pages.create(
      { title, lang: 'en', entry: fields, blocks: [{ kind: 'paragraph', text: `About ${title}.` }] },
      { spaceId: CATALOGUE_SPACE_ID, userId: server.accounts.admin.id },
    );
  }

  async function openEditor(slug: string, as: TestAccount, options: { bypassCSP?: boolean; viewport?: { width: number; height: number } } = {}): Promise<Page> {
    const page = await openTab(as, options);
    await page.goto(`${server.url}/wiki/${slug}/edit`);
    await form(page).waitFor();
    return page;
  }

  const entryIn = async (id: string) => (await api('')).entries.find((e) => e.id === id);

  it('is co-edited live by two people; a bad year is refused, a bad website flagged, and only valid values reach the catalogue', async () => {
    const created = await createEntry('Ottawa wiki', { country: 'CA', level: 'municipal' });
    const alicePage = await openEditor(created.slug, alice);
    const bobPage = await openEditor(created.slug, bob);
    await waitUntilEditable(alicePage);
    await waitUntilEditable(bobPage);
    expect(await field(alicePage, 'country').inputValue()).toBe('CA');

    // Text: typed by one, shown to the other as it is typed; both typing in one field merge.
    await field(alicePage, 'organisation').click();
    await alicePage.keyboard.type('City of Ottawa');
    await waitFor(() => field(bobPage, 'organisation').inputValue(), (v) => v === 'City of Ottawa', SETTLE_MS, "Bob's organisation field");
    await field(bobPage, 'summary').click();
    await bobPage.keyboard.type('The wiki of the city.');
    await field(alicePage, 'summary').click();
    await alicePage.keyboard.press('Home');
    await alicePage.keyboard.type('Internal: ');
    await waitFor(() => field(bobPage, 'summary').inputValue(), (v) => v === 'Internal: The wiki of the city.', SETTLE_MS, "Bob's summary");
    await waitFor(() => field(alicePage, 'summary').inputValue(), (v) => v === 'Internal: The wiki of the city.', SETTLE_MS, "Alice's summary");

    // Choices: chosen by one, followed by the other.
    await field(bobPage, 'kind').selectOption('internal-wiki');
    await waitFor(() => field(alicePage, 'kind').inputValue(), (v) => v === 'internal-wiki', SETTLE_MS, "Alice's kind");
    const languages = form(alicePage).getByRole('group', { name: t('catalogue.field.languages') });
    await languages.locator('summary').click();
    await languages.getByLabel('French', { exact: true }).check();
    await waitFor(
      () => form(bobPage).getByRole('group', { name: t('catalogue.field.languages') }).locator('summary').textContent(),
      (text) => text === t('entryForm.languagesSummary', { chosen: 'French' }),
      SETTLE_MS,
      "Bob's languages",
    );

    // A year out of range: refused, said beside the field, never written.
    const year = field(alicePage, 'year');
    await year.fill('1900');
    await year.press('Tab');
    const rangeMessage = t('catalogue.problem.yearRange', { min: MIN_YEAR, max: new Date().getUTCFullYear() + 1 });
    const yearError = form(alicePage).locator('.field-error', { hasText: rangeMessage });
    await yearError.waitFor();
    expect(await year.getAttribute('aria-invalid')).toBe('true');
    expect((await year.getAttribute('aria-describedby'))!.split(' ')).toContain(await yearError.getAttribute('id'));
    expect(await year.inputValue()).toBe('1900');
    await form(alicePage).locator('.ens-entry__summary a', { hasText: rangeMessage }).waitFor();

    // A website that is not a web address: kept as typed (it is the shared draft), flagged, left out of the catalogue.
    const website = field(alicePage, 'website');
    await website.fill('not a web address');
    const urlError = form(alicePage).locator('.field-error', { hasText: t('catalogue.problem.notAUrl') });
    await urlError.waitFor();
    expect(await website.getAttribute('aria-invalid')).toBe('true');
    expect((await website.getAttribute('aria-describedby'))!.split(' ')).toContain(await urlError.getAttribute('id'));
    await waitFor(() => field(bobPage, 'website').inputValue(), (v) => v === 'not a web address', SETTLE_MS, "Bob's website field");
    await form(bobPage).locator('.field-error', { hasText: t('catalogue.problem.notAUrl') }).waitFor();

    // Valid changes reach the catalogue once rendered; the bad year and website do not.
    const listed = await waitFor(
      () => entryIn(created.id),
      (e) => e?.organisation === 'City of Ottawa' && e.kind === 'internal-wiki' && e.languages.join() === 'fr',
      SETTLE_MS,
      'the valid changes in GET /api/v1/catalogue',
    );
    expect(listed!.year).toBeNull();
    expect(listed!.website).toBeNull();
    expect(await field(bobPage, 'year').inputValue()).toBe('');

    // Corrected, both are written and listed.
    await year.fill('2012');
    await year.press('Enter');
    await yearError.waitFor({ state: 'detached' });
    expect(await year.getAttribute('aria-invalid')).toBeNull();
    await website.fill('https://ottawa.ca/wiki');
    await urlError.waitFor({ state: 'detached' });
    await waitFor(() => field(bobPage, 'year').inputValue(), (v) => v === '2012', SETTLE_MS, "Bob's year");
    await waitFor(
      () => entryIn(created.id),
      (e) => e?.year === 2012 && e.website === 'https://ottawa.ca/wiki',
      SETTLE_MS,
      'the corrected year and website in GET /api/v1/catalogue',
    );
  });

  it('comes after the title in Tab order, sits beside the body on wide screens and under the title on narrow ones', async () => {
    const created = await createEntry('Layout wiki', { country: 'CA' });
    const wide = await openEditor(created.slug, server.accounts.editor);
    await waitUntilEditable(wide);
    await wide.getByLabel(t('editor.titleLabel')).focus();
    await wide.keyboard.press('Tab');
    expect(await wide.evaluate(() => document.activeElement?.closest('aside')?.querySelector('h2')?.textContent)).toBe(t('entryForm.heading'));
    expect(await wide.evaluate(() => document.querySelector<HTMLLabelElement>(`label[for="${document.activeElement?.id}"]`)?.textContent)).toBe(t('catalogue.field.summary'));

    const box = async (page: Page) => {
      const aside = (await form(page).boundingBox())!;
      const body = (await page.getByRole('textbox', { name: t('editor.bodyLabel') }).boundingBox())!;
      const title = (await page.getByLabel(t('editor.titleLabel')).boundingBox())!;
      return { aside, body, title };
    };
    const w = await box(wide);
    expect(w.aside.x).toBeGreaterThanOrEqual(w.body.x + w.body.width);
    expect(w.aside.y).toBeGreaterThan(w.title.y);

    const narrow = await openEditor(created.slug, server.accounts.editor, { viewport: { width: 600, height: 900 } });
    await waitUntilEditable(narrow);
    const n = await box(narrow);
    expect(n.aside.y).toBeGreaterThan(n.title.y + n.title.height - 1);
    expect(n.body.y).toBeGreaterThan(n.aside.y + n.aside.height - 1);
  });

  it('is disabled for someone who may only read the page', async () => {
    const created = await createEntry('Read-only wiki', { country: 'SE', kind: 'internal-wiki' });
    const page = await openEditor(created.slug, server.accounts.reader);
    await form(page).getByText(t('entryForm.readOnly')).waitFor();
    expect(await field(page, 'country').inputValue()).toBe('SE');
    for (const name of ['summary', 'organisation', 'website', 'year', 'kind', 'country'] as const) {
      expect(await field(page, name).isDisabled()).toBe(true);
    }
  });

  it('passes axe-core WCAG 2.1 AA with a problem shown, in English and French', async () => {
    const created = await createEntry('Accessible wiki', { country: 'CA', level: 'national', languages: ['en', 'fr'] });
    const page = await openEditor(created.slug, server.accounts.editor, { bypassCSP: true });
    await waitUntilEditable(page);
    await page.getByRole('status').getByText(t('status.connected')).waitFor();
    await field(page, 'website').fill('nope');
    await form(page).locator('.field-error').first().waitFor();
    await form(page).getByRole('group', { name: t('catalogue.field.languages') }).locator('summary').click();
    expect(await pageFrame(page)).toEqual({ lang: 'en', h1: 1, main: 1 });
    expect(await axeViolations(page)).toEqual([]);

    const fr = translator('fr');
    const french = await openTab(server.accounts.editor, { bypassCSP: true });
    await french.goto(`${server.url}/wiki/${created.slug}/edit?lang=fr`);
    await french.getByRole('complementary', { name: fr('entryForm.heading') }).waitFor();
    await waitUntilEditable(french, fr('editor.bodyLabel'));
    // Countries by their French names, in French alphabetical order.
    const names = await french.getByLabel(fr('catalogue.field.country'), { exact: true }).locator('option').allTextContents();
    expect(names.slice(1)).toEqual([...names.slice(1)].sort((a, b) => a.localeCompare(b, 'fr')));
    expect(names).toContain('Allemagne');
    expect(await axeViolations(french)).toEqual([]);
  });
});
