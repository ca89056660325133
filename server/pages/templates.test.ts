// Page templates: the built-in ones in English and French, pages of the Templates space copied node for node,
// who may use which, through the API and through the new-page forms of the home page and of a space.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as Y from 'yjs';
import { $createParagraphNode, $createTextNode, $getRoot, type ParagraphNode } from 'lexical';
import { $createHeadingNode } from '@lexical/rich-text';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createLinkNode } from '@lexical/link';
import { $createTableNodeWithDimensions, type TableCellNode, type TableRowNode } from '@lexical/table';
import { loadStoredState } from '../collab/storedState.js';
import { isEntryDoc } from '../../shared/catalogue/entryDoc.js';
import { findDocProblem } from '../../shared/docCheck.js';
import { TITLE_TEXT } from '../../shared/collabProtocol.js';
import { translator } from '../../shared/i18n/index.js';
import { connectLexicalClient } from '../../tests/helpers/lexicalClient.js';
import { apiCall, createPage, startTestServer, waitFor, type TestAccount, type TestServer } from '../../tests/helpers/testServer.js';

const en = translator('en');
const fr = translator('fr');

const justificationPlanEn = [
  'h2 Purpose', 'h2 Background', 'h2 Business need', 'h2 Proposed tool or practice', 'h2 Benefits', 'h2 Risks and mitigation',
  'h3 Security', 'h3 Privacy', 'h3 Official languages', 'h3 Accessibility', 'h3 Information management',
  'h2 Costs and resources', 'h2 Governance and approvals', 'h2 Measures of success', 'h2 Timeline',
];
const justificationPlanFr = [
  'h2 Objet', 'h2 Contexte', 'h2 Besoin opérationnel', 'h2 Outil ou pratique proposé', 'h2 Avantages', 'h2 Risques et mesures d’atténuation',
  'h3 Sécurité', 'h3 Protection des renseignements personnels', 'h3 Langues officielles', 'h3 Accessibilité', 'h3 Gestion de l’information',
  'h2 Coûts et ressources', 'h2 Gouvernance et approbations', 'h2 Mesures du succès', 'h2 Échéancier',
];
const caseStudyEn = ['Summary', 'Context', 'Challenge', 'Approach', 'Tools', 'Results', 'Lessons learned', 'Contacts', 'Links'].map((h) => `h2 ${h}`);
const caseStudyFr = ['Résumé', 'Contexte', 'Défi', 'Approche', 'Outils', 'Résultats', 'Leçons apprises', 'Personnes-ressources', 'Liens'].map((h) => `h2 ${h}`);
const meetingPlanEn = [
  'Purpose and objectives', 'Date, time and place', 'Participants and roles', 'Agenda', 'Pre-reading', 'Decisions', 'Action items', 'Next meeting',
].map((h) => `h2 ${h}`);
const catalogueEntryEn = ['What it is', 'How it went', 'Lessons', 'Contacts', 'Sources'].map((h) => `h2 ${h}`);
const builtInNames = ['blank', 'justification-plan', 'case-study', 'meeting-plan', 'catalogue-entry'];

/** "h2 Purpose", "h3 Security"…: the headings of rendered HTML, in order. */
function headingsOf(html: string): string[] {
  return [...html.matchAll(/<(h[2-6])\b[^>]*>(.*?)<\/\1>/g)].map(([, tag, inner]) => `${tag} ${inner.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&')}`);
}

/** The template radio buttons of a form: their values, in order, and which one is checked. */
function radios(body: string): { values: string[]; checked: string[] } {
  const inputs = [...body.matchAll(/<input type="radio"[^>]*>/g)].map(([tag]) => ({ value: /value="([^"]*)"/.exec(tag)![1], checked: tag.includes('checked=""') }));
  return { values: inputs.map((i) => i.value), checked: inputs.filter((i) => i.checked).map((i) => i.value) };
}

/** The page-language option selected in a form. */
const selectedLanguage = (body: string) => /<select id="new-lang"[^>]*>.*?<option value="(\w+)" selected="">/.exec(body)?.[1];

let server: TestServer;
let serial = 0;
const fresh = (title: string) => `${title} ${++serial}`;

const services = () => server.app.services;
const storedDoc = (pageId: string) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, loadStoredState(services().updateLog, pageId));
  return doc;
};
const allPages = () => services().pages.listRecent(['main', 'templates'], 1000).total;

async function createFrom(template: string | undefined, extra: Record<string, unknown> = {}, as?: TestAccount) {
  return apiCall(server, 'POST', '/pages', as ?? server.accounts.editor, { title: fresh('From a template'), ...(template === undefined ? {} : { template }), ...extra });
}

async function readPage(id: string, as?: TestAccount) {
  const response = await apiCall(server, 'GET', `/pages/${id}`, as ?? server.accounts.editor);
  expect(response.statusCode).toBe(200);
  return response.json() as { html: string; text: string; title: string; lang: string; space: { id: string } };
}

/** Writes a heading, a list, bold text, a link and a table into a page through a stock y-websocket client. */
async function writeRichBody(pageId: string, as: TestAccount) {
  const client = connectLexicalClient(server.collabUrl, pageId, { bearer: as.bearer, displayName: as.displayName });
  await client.synced;
  client.editor.update(
    () => {
      const heading = $createHeadingNode('h2');
      heading.append($createTextNode('Key messages'));
      const list = $createListNode('bullet');
      for (const text of ['First message', 'Second message']) list.append($createListItemNode().append($createTextNode(text)));
      const paragraph = $createParagraphNode();
      const bold = $createTextNode('Approved by');
      bold.toggleFormat('bold');
      const link = $createLinkNode('https://www.canada.ca/en.html');
      link.append($createTextNode('Canada.ca'));
      paragraph.append(bold, $createTextNode(' the director, see '), link);
      const table = $createTableNodeWithDimensions(2, 2, true);
      const cells = table.getChildren<TableRowNode>().flatMap((row) => row.getChildren<TableCellNode>());
      ['Risk', 'Owner', 'Late approval', 'Director'].forEach((text, i) => cells[i].getFirstChildOrThrow<ParagraphNode>().append($createTextNode(text)));
      $getRoot().append(heading, list, paragraph, table);
    },
    { discrete: true },
  );
  await waitFor(async () => (await readPage(pageId, as)).html, (html) => html.includes('Late approval'), 5000, 'the template page to be rendered');
  return client;
}

const html = (url: string, as?: TestAccount, cookie = '') =>
  server.app.inject({ url, headers: { accept: 'text/html', cookie: [as?.cookie, cookie].filter(Boolean).join('; ') } });
const postForm = (url: string, as: TestAccount, fields: Record<string, string>) =>
  server.app.inject({
    method: 'POST',
    url,
    headers: { accept: 'text/html', cookie: as.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...fields, _csrf: as.csrf }).toString(),
  });

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('built-in templates', () => {
  test.each([
    ['justification-plan', justificationPlanEn],
    ['case-study', caseStudyEn],
    ['meeting-plan', meetingPlanEn],
    ['catalogue-entry', catalogueEntryEn],
  ])('%s creates a page with every section, each with guidance', async (template, expected) => {
    const created = await createFrom(template);
    expect(created.statusCode).toBe(201);
    const page = await readPage(created.json().id);
    expect(headingsOf(page.html)).toEqual(expected);
    // Every heading is followed by a paragraph of guidance.
    expect(page.html.match(/<\/h[23]><p class="ens-p">/g)).toHaveLength(expected.length);
    expect(page.lang).toBe('en');
  });

  test('French pages get French content, Swedish and Dutch pages the English one', async () => {
    const plan = await readPage((await createFrom('justification-plan', { lang: 'fr' })).json().id);
    expect(headingsOf(plan.html)).toEqual(justificationPlanFr);
    expect(plan.text).toContain('Loi sur les langues officielles');
    expect(plan.lang).toBe('fr');
    const study = await readPage((await createFrom('case-study', { lang: 'fr' })).json().id);
    expect(headingsOf(study.html)).toEqual(caseStudyFr);
    for (const lang of ['sv', 'nl']) {
      const page = await readPage((await createFrom('case-study', { lang })).json().id);
      expect([page.lang, headingsOf(page.html)]).toEqual([lang, caseStudyEn]);
    }
  });

  test('the meeting plan has an ordered agenda and a list of action items', async () => {
    const page = await readPage((await createFrom('meeting-plan')).json().id);
    expect(page.html).toMatch(/Agenda<\/span><\/h2><p[^>]*>.*?<\/p><ol class="ens-ol">(<li[^>]*>.*?<\/li>){4}<\/ol>/);
    expect(page.html).toMatch(/Action items<\/span><\/h2><p[^>]*>.*?<\/p><ul class="ens-ul">/);
  });

  test('blank (also when no template is named) gives an empty page; names ignore case and spaces around them', async () => {
    for (const template of [undefined, 'blank', ' Blank ']) {
      const created = await createFrom(template);
      expect(created.statusCode).toBe(201);
      expect((await readPage(created.json().id)).text.trim()).toBe('');
    }
    expect(headingsOf((await readPage((await createFrom('Case-Study')).json().id)).html)).toEqual(caseStudyEn);
  });

  test('the catalogue entry template makes the page a catalogue entry; the others do not', async () => {
    const entry = await createFrom('catalogue-entry');
    const doc = storedDoc(entry.json().id);
    expect(isEntryDoc(doc)).toBe(true);
    expect(findDocProblem(doc)).toBeNull();
    expect(isEntryDoc(storedDoc((await createFrom('case-study')).json().id))).toBe(false);
  });

  test('an unknown template is a 400 JSON error, and nothing is created', async () => {
    const before = allPages();
    for (const template of ['nope', '', 'page:', 'page:zzzzzzzzzzzz', 'templates']) {
      const response = await createFrom(template);
      expect([response.statusCode, response.json()]).toEqual([400, { code: 'WIKI_UNKNOWN_TEMPLATE', message: expect.stringContaining('no template') }]);
    }
    expect(allPages()).toBe(before);
  });
});

describe('GET /api/v1/templates', () => {
  test('lists the built-ins with names and descriptions in the language asked for, else the interface language', async () => {
    const english = (await apiCall(server, 'GET', '/templates', server.accounts.editor)).json().items as { name: string; title: string; description: string; kind: string }[];
    expect(english.filter((t) => t.kind === 'built-in').map((t) => t.name)).toEqual(builtInNames);
    expect(english.find((t) => t.name === 'justification-plan')).toEqual({
      name: 'justification-plan',
      title: en('templates.builtIn.justificationPlan.title'),
      description: en('templates.builtIn.justificationPlan.description'),
      kind: 'built-in',
    });
    const french = (await apiCall(server, 'GET', '/templates?lang=fr', server.accounts.editor)).json().items as { name: string; title: string }[];
    expect(french.find((t) => t.name === 'meeting-plan')?.title).toBe('Plan de réunion');
    const dutch = (await apiCall(server, 'GET', '/templates?lang=nl', server.accounts.editor)).json().items as { name: string; title: string }[];
    expect(dutch.find((t) => t.name === 'meeting-plan')?.title).toBe('Meeting plan');
    expect((await apiCall(server, 'GET', '/templates?lang=de', server.accounts.editor)).statusCode).toBe(400);
    expect((await apiCall(server, 'GET', '/templates?color=red', server.accounts.editor)).statusCode).toBe(400);
  });

  test('is described in the OpenAPI document', async () => {
    const spec = (await server.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(spec.paths['/api/v1/templates'].get.responses['200']).toBeDefined();
    expect(JSON.stringify(spec.paths['/api/v1/pages'].post)).toContain('/api/v1/templates');
  });
});

describe('pages of the Templates space', () => {
  test('are offered as templates and copied faithfully, as a fresh document under the new title', async () => {
    const { editor } = server.accounts;
    const template = await createPage(server, { title: 'Briefing note template', space: 'Templates' }, editor);
    const client = await writeRichBody(template.id, editor);
    try {
      const listed = (await apiCall(server, 'GET', '/templates', editor)).json().items;
      expect(listed).toContainEqual({
        name: `page:${template.id}`,
        title: 'Briefing note template',
        description: en('templates.pageDescription'),
        kind: 'page',
        url: template.url,
      });

      const created = await createFrom(`page:${template.id}`, { title: 'Briefing note: budget 2027' });
      expect(created.statusCode).toBe(201);
      const copy = await readPage(created.json().id);
      const original = await readPage(template.id);
      expect(copy.title).toBe('Briefing note: budget 2027');
      expect(copy.space.id).toBe('main');
      expect(copy.html).toBe(original.html);
      expect(copy.html).toContain('<strong class="ens-bold"');
      expect(copy.html).toContain('<a href="https://www.canada.ca/en.html"');
      expect(copy.html).toMatch(/<ul class="ens-ul">.*First message.*Second message/);
      expect(copy.html).toMatch(/<table class="ens-table">.*Risk.*Owner.*Late approval.*Director.*<\/table>/);

      const doc = storedDoc(created.json().id);
      expect(doc.getText(TITLE_TEXT).toString()).toBe('Briefing note: budget 2027');
      expect(findDocProblem(doc)).toBeNull();
      // Written afresh: none of the template's authors' Yjs clients are in the copy.
      const copyClients = [...Y.decodeStateVector(Y.encodeStateVector(doc)).keys()];
      expect(copyClients).not.toContain(client.doc.clientID);
    } finally {
      client.destroy();
    }
  });

  test('a page elsewhere is not a template, even for someone who may read it', async () => {
    const ordinary = await createPage(server, { title: fresh('Ordinary page') }, server.accounts.editor);
    const response = await createFrom(`page:${ordinary.id}`);
    expect([response.statusCode, response.json().code]).toEqual([400, 'WIKI_UNKNOWN_TEMPLATE']);
    const listed = (await apiCall(server, 'GET', '/templates', server.accounts.editor)).json().items as { name: string }[];
    expect(listed.map((t) => t.name)).not.toContain(`page:${ordinary.id}`);
  });
});

describe('the new-page forms', () => {
  test('the home form offers every template, blank checked, with the language of the interface', async () => {
    const template = await createPage(server, { title: 'Town hall plan', space: 'Templates' }, server.accounts.editor);
    const page = await html('/', server.accounts.editor);
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body).toContain(`<legend>${en('templates.legend')}</legend>`);
    const offered = radios(body);
    expect(offered.values.slice(0, builtInNames.length)).toEqual(builtInNames);
    expect(offered.values).toContain(`page:${template.id}`);
    expect(offered.checked).toEqual(['blank']);
    expect(body).toMatch(new RegExp(`<label for="new-template-(\\d+)">Town hall plan</label><p id="new-template-\\1-hint"`));
    expect(body).toContain(en('templates.builtIn.caseStudy.description'));
    // Each option is labelled and described.
    expect(body).toMatch(/<label for="new-template-1">Justification plan<\/label><p id="new-template-1-hint"/);
    expect(selectedLanguage(body)).toBe('en');

    const inFrench = await html('/', server.accounts.editor, 'ens_lang=fr');
    expect(inFrench.body).toContain(`<legend>${fr('templates.legend')}</legend>`);
    expect(inFrench.body).toContain('Plan de justification');
    expect(selectedLanguage(inFrench.body)).toBe('fr');
    // Visitors and readers get no form.
    expect((await html('/', server.accounts.reader)).body).not.toContain('name="template"');
  });

  test('the home form creates the page from the chosen template, in the chosen language', async () => {
    const created = await postForm('/pages/new', server.accounts.editor, { title: 'Réunion du comité', template: 'meeting-plan', lang: 'fr' });
    expect([created.statusCode, created.headers.location]).toEqual([303, '/wiki/Reunion-du-comite/edit']);
    const page = services().pages.findBySlug('Reunion-du-comite')!;
    expect(page.lang).toBe('fr');
    expect(headingsOf(page.html)).toContain('h2 Ordre du jour');
  });

  test('the space form lists the templates and creates from the chosen one in that space', async () => {
    const space = await html('/spaces/Main', server.accounts.editor);
    expect(radios(space.body).values).toEqual(expect.arrayContaining(builtInNames));
    expect(space.body).toContain('action="/spaces/Main/pages"');
    const created = await postForm('/spaces/Templates/pages', server.accounts.editor, { title: 'Lessons template', template: 'case-study', lang: 'en' });
    expect([created.statusCode, created.headers.location]).toEqual([303, '/wiki/Lessons-template/edit']);
    const page = services().pages.findBySlug('Lessons-template')!;
    expect(page.space_id).toBe('templates');
    expect(headingsOf(page.html)).toEqual(caseStudyEn);
    // Now a template itself.
    expect(radios((await html('/', server.accounts.editor)).body).values).toContain(`page:${page.id}`);
  });

  test.each([
    ['/pages/new', '/'],
    ['/spaces/Main/pages', '/spaces/Main'],
  ])('%s shows the form again (400) for an unknown template or language, and creates nothing', async (action) => {
    const before = allPages();
    const badTemplate = await postForm(action, server.accounts.editor, { title: 'Never made', template: 'page:zzzzzzzzzzzz', lang: 'en' });
    expect(badTemplate.statusCode).toBe(400);
    expect(badTemplate.body).toContain('class="error-summary"');
    expect(badTemplate.body).toContain(`<a href="#new-template-0">${en('templates.error.unknown')}</a>`);
    expect(badTemplate.body).toMatch(/<fieldset class="form-field" aria-describedby="new-template-hint new-template-error">/);
    expect(badTemplate.body).toContain('value="Never made"');
    // The unknown choice falls back to blank, so the form can be sent again as it is.
    expect(radios(badTemplate.body).checked).toEqual(['blank']);

    const badLang = await postForm(action, server.accounts.editor, { title: 'Never made', template: 'case-study', lang: 'de' });
    expect(badLang.statusCode).toBe(400);
    expect(badLang.body).toContain(`<p id="new-lang-error" class="field-error" role="alert">${en('templates.error.lang')}</p>`);
    expect(badLang.body).toMatch(/<select id="new-lang"[^>]* aria-invalid="true" aria-describedby="new-lang-error"/);
    expect(radios(badLang.body).checked).toEqual(['case-study']);

    const blankTitle = await postForm(action, server.accounts.editor, { title: ' ', template: 'case-study' });
    expect(blankTitle.statusCode).toBe(400);
    expect(blankTitle.body).toContain('aria-invalid="true"');
    expect(allPages()).toBe(before);
  });
});

describe('a Templates space someone may not read', () => {
  let restricted: TestServer;
  let member: TestAccount;
  let templateId: string;

  beforeAll(async () => {
    restricted = await startTestServer();
    const { groups, spaces } = restricted.app.services;
    member = await restricted.createAccount('member', 'editor');
    const admin = { id: restricted.accounts.admin.id, name: 'admin', ip: null };
    const group = groups.create({ name: 'Template keepers' }, admin);
    groups.addMember(group.id, member.id, admin);
    spaces.update('templates', { access: 'restricted', grants: [{ groupId: group.id, role: 'editor' }] }, admin);
    templateId = (await createPage(restricted, { title: 'Cabinet note template', space: 'Templates' }, member)).id;
  });
  afterAll(() => restricted.close());

  const templateNames = async (as: TestAccount) =>
    ((await apiCall(restricted, 'GET', '/templates', as)).json().items as { name: string }[]).map((t) => t.name);

  test('its pages are neither listed nor usable for outsiders, who are answered as for an unknown template', async () => {
    const { editor } = restricted.accounts;
    expect(await templateNames(editor)).toEqual(builtInNames);
    expect(await templateNames(member)).toContain(`page:${templateId}`);

    const refused = await apiCall(restricted, 'POST', '/pages', editor, { title: 'Leak', template: `page:${templateId}` });
    const unknown = await apiCall(restricted, 'POST', '/pages', editor, { title: 'Leak', template: 'page:zzzzzzzzzzzz' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toEqual({ code: 'WIKI_UNKNOWN_TEMPLATE', message: unknown.json().message.replace('zzzzzzzzzzzz', templateId) });
    expect(restricted.app.services.pages.findBySlug('Leak')).toBeUndefined();

    const home = await restricted.app.inject({ url: '/', headers: { accept: 'text/html', cookie: editor.cookie } });
    expect(home.body).not.toContain(templateId);
    expect(home.body).not.toContain('Cabinet note template');
    const form = await restricted.app.inject({
      method: 'POST',
      url: '/pages/new',
      headers: { accept: 'text/html', cookie: editor.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ title: 'Leak', template: `page:${templateId}`, _csrf: editor.csrf }).toString(),
    });
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain(en('templates.error.unknown'));
    expect(form.body).not.toContain('Cabinet note template');
  });

  test('members of the granted group use them', async () => {
    const created = await apiCall(restricted, 'POST', '/pages', member, { title: 'Cabinet note: housing', template: `page:${templateId}` });
    expect(created.statusCode).toBe(201);
    const home = await restricted.app.inject({ url: '/', headers: { accept: 'text/html', cookie: member.cookie } });
    expect(radios(home.body).values).toContain(`page:${templateId}`);
  });
});
