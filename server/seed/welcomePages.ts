// First-start content: a welcome page in each official language, created once per wiki.
// Runs from main.ts (not buildApp), so tests start from an empty wiki.
import type { Db } from '../plugins/db.js';
import type { PagesService } from '../pages/pages.service.js';
import type { SeedBlock } from '../render/docSeeder.js';

const SEEDED_KEY = 'seed.welcome';

const welcome: { title: string; slug: string; lang: 'en' | 'fr'; blocks: SeedBlock[] }[] = [
  {
    title: 'Welcome to Ensemble',
    slug: 'Welcome',
    lang: 'en',
    blocks: [
      { kind: 'paragraph', text: 'Ensemble is a wiki that public servants write together, live. Everyone editing a page sees the others’ names and cursors, and every word is saved as it is typed.' },
      { kind: 'heading', level: 2, text: 'Try it' },
      { kind: 'paragraph', text: 'Choose Edit above, then open the same page in a second window: type in one and watch the other. Headings, lists, links, quotes, code and tables are in the toolbar and on the keyboard (Alt+F10 reaches the toolbar).' },
      { kind: 'heading', level: 2, text: 'Start a page' },
      { kind: 'paragraph', text: 'Use Create a page on the home page. A justification plan, a case study or a meeting plan is a good start. Every page has a permanent link that keeps working.' },
    ],
  },
  {
    title: 'Bienvenue dans Ensemble',
    slug: 'Bienvenue',
    lang: 'fr',
    blocks: [
      { kind: 'paragraph', text: 'Ensemble est un wiki que les fonctionnaires rédigent ensemble, en direct. Chaque personne qui modifie une page voit le nom et le curseur des autres, et chaque mot est enregistré au fil de la frappe.' },
      { kind: 'heading', level: 2, text: 'Essayez' },
      { kind: 'paragraph', text: 'Choisissez Modifier ci-dessus, puis ouvrez la même page dans une deuxième fenêtre : tapez dans l’une et regardez l’autre. Titres, listes, liens, citations, code et tableaux sont dans la barre d’outils et au clavier (Alt+F10 mène à la barre d’outils).' },
      { kind: 'heading', level: 2, text: 'Créer une page' },
      { kind: 'paragraph', text: 'Utilisez Créer une page sur la page d’accueil. Un plan de justification, une étude de cas ou un plan de réunion est un bon début. Chaque page a un lien permanent qui ne se brise pas.' },
    ],
  },
];

/** Creates the welcome pages the first time a wiki starts. Returns how many pages it created. */
export async function seedWelcomePages(db: Db, pages: PagesService): Promise<number> {
  const done = db.prepare('SELECT 1 FROM settings WHERE key = ?').pluck().get(SEEDED_KEY);
  if (done) return 0;
  let created = 0;
  for (const page of welcome) {
    if (pages.findBySlug(page.slug)) continue;
    await pages.create({ title: page.title, slug: page.slug, lang: page.lang, blocks: page.blocks }, { spaceId: 'main', userId: null });
    created++;
  }
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(SEEDED_KEY, new Date().toISOString());
  return created;
}
