// The generated wiki that bench/search.ts measures: N pages of about 300 words in English, French, Swedish and
// Dutch, drawn from a Zipf-distributed vocabulary of about 17,000 word forms, with titles and headings, spread
// over open, Protected A and restricted spaces. Everything comes from one seed, so runs are comparable.
//
// Pages are stored through PagesRepo (the server's own SQL) with the HTML and text the renderer would have
// produced for them, and an empty Yjs state: seeding and rendering every page through headless Lexical costs
// 3 to 9 ms a page (5 to 15 minutes at 100,000 pages), and search only ever reads the stored rendering.
// The index itself is built by SearchService, exactly as the server and `npm run wiki -- reindex` build it.
import * as Y from 'yjs';
import { buildAccountServices } from '../server/app.js';
import { loadConfig, type Config } from '../server/plugins/config.js';
import { migrate, openDatabase, type Db } from '../server/plugins/db.js';
import { PagesRepo } from '../server/pages/pages.repo.js';
import { slugFromTitle, slugKey } from '../shared/slug.js';
import type { SearchLanguage } from '../shared/search/analyze.js';
// The history benchmark's seeded generator (mulberry32: next, int, pick), so runs of both are reproducible alike.
import { Prng as Random } from './history/prose.js';

// Real function words head each language's distribution (about 45% of running text, as in real prose), then
// real public-service words, then generated words built from stems and each language's endings, so stemming
// merges their inflections as it would real ones.
const FUNCTION_WORDS: Record<SearchLanguage, string> = {
  en: 'the of and to in a is for that on with as by be are this it from or at an was will which has have not their we our all can more about been also were its but they these other into each new may such how who',
  fr: 'de la le les et des à en du un une pour que qui dans sur par est au aux avec ce sont plus ne pas se nous leur il elle ou comme mais être tout cette entre ses son après sans lors dont ainsi aussi très',
  sv: 'och i att det som en på är för med av till den har de inte om ett var vi så men kan från vid alla eller också under efter',
  nl: 'de het en van een in is op te dat voor met zijn niet aan er ook als bij om door wordt naar deze over worden uit maar dan nog',
};
const REAL_WORDS: Record<SearchLanguage, string> = {
  en: 'public government department service services policy program programs collaboration collaborative citizens citizen data open project projects plan plans team teams management manager approval budget risk risks review reviews report reports meeting meetings digital network networks community communities engagement consultation wiki wikis knowledge sharing platform platforms tool tools training security privacy access information federal provincial municipal regional national minister deputy director analyst officer employees employee results outcome outcomes performance evaluation framework strategy strategies initiative initiatives innovation innovative partnership partners stakeholders procurement contract funding governance accountability transparency accessibility official languages bilingual translation document documents record records archive portal content editor editors page pages search catalogue example examples justification case study studies',
  fr: 'public publique gouvernement ministère ministères politique politiques programme programmes collaboration collaboratif citoyens citoyen données ouvert ouverte projet projets plan équipe équipes gestion gestionnaire approbation budget risque risques examen rapport rapports réunion réunions numérique réseau réseaux communauté communautés mobilisation consultation connaissances partage plateforme outil outils formation sécurité confidentialité accès information fédéral provincial municipal régional national ministre sous-ministre directeur analyste agent employés employé résultats rendement évaluation cadre stratégie initiative initiatives innovation partenariat partenaires intervenants approvisionnement contrat financement gouvernance responsabilisation transparence accessibilité langues officielles traduction document documents dossier archives portail contenu rédacteur page pages recherche catalogue exemple exemples étude société développement québec élaboré créé prévu réalisé activité activités priorité priorités démarche façon fonctionnaire fonctionnaires été',
  sv: 'offentlig regeringen myndighet myndigheter samarbete medborgare öppna data projekt plan arbetsgrupp förvaltning budget risk rapport möte möten digital nätverk kommun kommuner region utveckling tjänst tjänster förändring verksamhet kunskap delning',
  nl: 'openbaar overheid ministerie beleid samenwerking burgers open gegevens project plan team beheer begroting risico rapport vergadering digitaal netwerk gemeente gemeenten provincie ontwikkeling dienst diensten ambtenaar ambtenaren kennis delen verandering',
};
const SYLLABLES: Record<SearchLanguage, string[]> = {
  en: 'ba be bi bo bu ca co cu da de di do fa fe fi fo ga go gra gre ka la le li lo lu ma me mi mo mu na ne ni no pa pe pi po pra pre pro ra re ri ro ru sa se si so sta ste sto stra ta te ti to tu tra tre va ve vi wa we wi'.split(' '),
  fr: 'ba bé bi bo ca ce ci co cou da dé di do fa fé fi fo ga ge gi gou la lé li lo lu ma mé mi mo mu na né ni no pa pé pi po pou ra ré ri ro ru sa sé si so ta té ti to tou tra va vé vi vo çon crè fê'.split(' '),
  sv: 'bå bä bo da dö fa fö ga gö ha hå ja jä ka kö la lä lö ma mä mö na nä pa på ra rö sa sä sö sta stö ta tå tä va vä'.split(' '),
  nl: 'ba be bij bo da de dij do ga ge gij ha he hoe ka ke kij la le lij loe ma me mij moe na ne noe pa pe pij ra re rij sa se sij ta te tij va ve vij wa we'.split(' '),
};
const ENDINGS: Record<SearchLanguage, string[][]> = {
  en: [['', 's', 'ed', 'ing'], ['tion', 'tions', 'tional'], ['ment', 'ments'], ['er', 'ers'], ['ity', 'ities'], ['al', 'ally'], ['ive', 'ively']],
  fr: [['', 'e', 'es', 's'], ['tion', 'tions'], ['ment', 'ments', 'mental'], ['eur', 'eurs', 'euse'], ['ité', 'ités'], ['é', 'ée', 'és', 'er'], ['ique', 'iques']],
  sv: [['', 'en', 'ar', 'arna'], ['ning', 'ningar', 'ningen'], ['het', 'heten'], ['lig', 'liga']],
  nl: [['', 'en', 'e'], ['ing', 'ingen'], ['heid', 'heden'], ['lijk', 'lijke'], ['er', 'ers']],
};
/** Word forms per language: 17,000 in all, most of them English and French, like the corpus. */
const VOCABULARY_SIZE: Record<SearchLanguage, number> = { en: 7000, fr: 7000, sv: 1500, nl: 1500 };
/** Share of pages per language. */
const LANGUAGE_MIX: [SearchLanguage, number][] = [['en', 0.5], ['fr', 0.4], ['sv', 0.05], ['nl', 0.05]];

/** A language's word forms in rank order and a Zipf (s = 1) sampler over them. */
class Vocabulary {
  readonly words: string[] = [];
  private readonly cumulative: Float64Array;

  /** @param generatedElsewhere generated words of the other languages: each generated word has one language */
  constructor(
    private readonly lang: SearchLanguage,
    random: Random,
    generatedElsewhere: Set<string>,
  ) {
    const own = new Set<string>();
    const add = (w: string) => {
      if (!own.has(w)) {
        own.add(w);
        this.words.push(w);
      }
    };
    FUNCTION_WORDS[lang].split(' ').forEach(add);
    const real = REAL_WORDS[lang].split(' ');
    const generated: string[] = [];
    while (real.length + generated.length < VOCABULARY_SIZE[lang] - this.words.length) {
      const stem = Array.from({ length: random.int(2, 4) }, () => random.pick(SYLLABLES[lang])).join('');
      for (const ending of random.pick(ENDINGS[lang])) {
        const w = stem + ending;
        if (generatedElsewhere.has(w) || real.includes(w)) continue;
        generatedElsewhere.add(w);
        generated.push(w);
      }
    }
    // Real words take the ranks right after the function words, but generated words are interleaved with them.
    for (let i = 0; real.length > 0 || generated.length > 0; i++) {
      const fromReal = real.length > 0 && (generated.length === 0 || i % 3 === 0);
      add(fromReal ? real.shift()! : generated.shift()!);
    }
    this.cumulative = new Float64Array(this.words.length);
    let sum = 0;
    for (let r = 0; r < this.words.length; r++) this.cumulative[r] = sum += 1 / (r + 1);
  }

  sample(random: Random, from = 0): string {
    const total = this.cumulative[this.cumulative.length - 1];
    const base = from > 0 ? this.cumulative[from - 1] : 0;
    const x = base + random.next() * (total - base);
    let lo = from;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return this.words[lo];
  }

  /** First rank past the function words: titles and headings use content words. */
  get contentStart(): number {
    return FUNCTION_WORDS_COUNT[this.lang];
  }
}

const FUNCTION_WORDS_COUNT = Object.fromEntries(
  Object.entries(FUNCTION_WORDS).map(([lang, list]) => [lang, new Set(list.split(' ')).size]),
) as Record<SearchLanguage, number>;

export interface CorpusSpace {
  id: string;
  name: string;
  classification: 'unclassified' | 'protected-a' | 'protected-b';
  access: 'open' | 'restricted';
  share: number;
}

/** Where pages go: most in open spaces, some in Protected A (signed-in only), 10% in a restricted space. */
export const CORPUS_SPACES: CorpusSpace[] = [
  { id: 'main', name: 'Main', classification: 'unclassified', access: 'open', share: 0.4 },
  { id: 'policy', name: 'Policy', classification: 'unclassified', access: 'open', share: 0.2 },
  { id: 'programs', name: 'Programs', classification: 'unclassified', access: 'open', share: 0.15 },
  { id: 'hr', name: 'Human resources', classification: 'protected-a', access: 'open', share: 0.15 },
  { id: 'cabinet', name: 'Cabinet', classification: 'protected-b', access: 'restricted', share: 0.1 },
];

export interface CorpusPage {
  title: string;
  lang: SearchLanguage;
  spaceId: string;
  headings: string[];
  html: string;
  text: string;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const escapeText = (s: string) => s.replace(/[&<>]/g, (c) => ESCAPES[c]);
// The markup pageRenderer produces for headings and paragraphs.
const block = (tag: string, cls: string, text: string) =>
  `<${tag} class="${cls}"><span style="white-space:pre-wrap">${escapeText(text)}</span></${tag}>`;

export class CorpusGenerator {
  readonly vocabularies: Record<SearchLanguage, Vocabulary>;
  private readonly random: Random;

  constructor(seed: number) {
    this.random = new Random(seed);
    const taken = new Set<string>();
    this.vocabularies = {
      en: new Vocabulary('en', this.random, taken),
      fr: new Vocabulary('fr', this.random, taken),
      sv: new Vocabulary('sv', this.random, taken),
      nl: new Vocabulary('nl', this.random, taken),
    };
  }

  get vocabularySize(): number {
    return Object.values(this.vocabularies).reduce((n, v) => n + v.words.length, 0);
  }

  /** The next page: a title of 2 to 5 content words, 2 to 4 headings, about 300 words of text. */
  page(): CorpusPage {
    const r = this.random;
    const lang = weighted(r, LANGUAGE_MIX);
    const spaceId = weighted(r, CORPUS_SPACES.map((s) => [s.id, s.share] as [string, number]));
    const vocabulary = this.vocabularies[lang];
    const content = vocabulary.contentStart;
    const phrase = (min: number, max: number) =>
      capitalise(Array.from({ length: r.int(min, max) }, () => vocabulary.sample(r, content)).join(' '));
    const title = phrase(2, 5) + (r.next() < 0.2 ? ` ${r.int(2015, 2027)}` : '');
    const headings: string[] = [];
    const blocks: string[] = [];
    const text: string[] = [];
    let words = 0;
    const target = r.int(270, 330);
    const headingCount = r.int(2, 4);
    // "public" appears in every page: one term every query planner sees in all rows.
    let sentenceWords: string[] = ['public'];
    while (words < target) {
      if (blocks.length === 0 || (headings.length < headingCount && r.next() < 0.25)) {
        const h = phrase(2, 4);
        headings.push(h);
        blocks.push(block('h2', 'ens-h2', h));
        text.push(h);
      }
      const sentences: string[] = [];
      for (let s = r.int(2, 5); s > 0 && words < target; s--) {
        for (let n = r.int(8, 20); n > 0; n--) {
          // Now and then a word from another language: bilingual pages quote each other's terms.
          const from = r.next() < 0.04 ? this.vocabularies[r.pick(['en', 'fr'] as const)] : vocabulary;
          sentenceWords.push(from.sample(r));
        }
        words += sentenceWords.length;
        sentences.push(`${capitalise(sentenceWords.join(' '))}${r.next() < 0.1 ? '?' : '.'}`);
        sentenceWords = [];
      }
      const paragraph = sentences.join(' ');
      blocks.push(block('p', 'ens-p', paragraph));
      text.push(paragraph);
    }
    return { title, lang, spaceId, headings, html: blocks.join(''), text: text.join('\n\n') };
  }
}

function weighted<T>(random: Random, choices: [T, number][]): T {
  let x = random.next();
  for (const [value, share] of choices) {
    if ((x -= share) < 0) return value;
  }
  return choices[choices.length - 1][0];
}

/** The bench's configuration of a data directory (test-server settings: synchronous=NORMAL, no logs). */
export function corpusConfig(dataDir: string): Config {
  return loadConfig({ WIKI_DATA_DIR: dataDir, WIKI_SQLITE_SYNCHRONOUS: 'NORMAL', LOG_LEVEL: 'silent' });
}

export interface StoredCorpus {
  db: Db;
  config: Config;
  /** The restricted space's group, whose members read it. */
  cabinetGroupId: string;
  insertMs: number;
  pages: number;
}

const INSERT_BATCH = 2000;
const PAGE_ID_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

/**
 * Creates the database (migrations, spaces, the restricted space's group) and stores `count` generated pages
 * through PagesRepo, without indexing them: bench/search.ts times the index build on its own.
 */
export function storeCorpus(dataDir: string, count: number, generator: CorpusGenerator, seed: number): StoredCorpus {
  const config = corpusConfig(dataDir);
  const db = openDatabase(config.databaseFile, config.sqliteSynchronous);
  migrate(db);
  const { spaces, groups } = buildAccountServices(db, config);
  const actor = { id: null, name: 'search benchmark', ip: null };
  const group = groups.create({ name: 'Cabinet team' }, actor);
  for (const space of CORPUS_SPACES) {
    if (spaces.find(space.id)) continue;
    spaces.create(
      { name: space.name, slug: space.id, classification: space.classification, access: space.access, grants: space.access === 'restricted' ? [{ groupId: group.id, role: 'reader' }] : [] },
      actor,
    );
  }
  // Spaces get random ids; the corpus names them by slug.
  const spaceIdOf = new Map(CORPUS_SPACES.map((s) => [s.id, spaces.find(s.id)!.id]));
  const repo = new PagesRepo(db);
  const emptyState = Y.encodeStateAsUpdate(new Y.Doc());
  const ids = new Random(seed ^ 0x5eed);
  const newId = () => Array.from({ length: 12 }, () => PAGE_ID_ALPHABET[Math.floor(ids.next() * PAGE_ID_ALPHABET.length)]).join('');
  // The pages' first revisions are not recorded (no history is read here); marking them revised keeps the
  // server from cutting a "recovered" revision of every page when it starts on this database.
  const markRevised = db.prepare('UPDATE pages SET revised_version = version WHERE rowid > ?');
  const started = performance.now();
  const now = Date.now();
  for (let done = 0; done < count; ) {
    const n = Math.min(INSERT_BATCH, count - done);
    db.transaction(() => {
      for (let i = 0; i < n; i++, done++) {
        const page = generator.page();
        const slug = `${slugFromTitle(page.title).slice(0, 80)}-${done}`;
        repo.create({
          id: newId(), slug, slugKey: slugKey(slug), title: page.title, lang: page.lang, html: page.html, text: page.text,
          seed: emptyState, now: now - (count - done) * 1000, spaceId: spaceIdOf.get(page.spaceId)!, createdBy: null,
        });
      }
    })();
  }
  markRevised.run(0);
  return { db, config, cabinetGroupId: group.id, insertMs: performance.now() - started, pages: count };
}

/** One kind of query the bench times, as a searcher would send it. */
export interface BenchQuery {
  kind: string;
  q: string;
  /** The typeahead (GET /search/titles) rather than full search. */
  titles?: boolean;
  /** Half a word, as typed so far. */
  typing?: boolean;
  /** A member of the restricted space's group (reads every space), or an anonymous visitor. */
  who: 'member' | 'anonymous';
  /** Slug of the only space searched (CORPUS_SPACES). */
  space?: string;
  lang?: SearchLanguage;
}

const ACCENTED = /[éèêàçôâîû]/;

/**
 * The query mix, picked from the vocabulary by how many pages hold each word (`pagesWith`, measured on the
 * built index), so that 10,000 and 100,000 pages get the same words. Queries are typed without a trailing
 * space, as the search form sends them (so the last word also matches as a prefix).
 */
export function chooseQueries(
  generator: CorpusGenerator,
  pages: number,
  pagesWith: (word: string, lang: SearchLanguage) => number,
  matchesAsTyped: (q: string) => number,
): BenchQuery[] {
  // Real words only: what people type.
  const content = (lang: SearchLanguage, ranks: number) => {
    const v = generator.vocabularies[lang];
    const real = new Set(REAL_WORDS[lang].split(' '));
    return v.words.slice(v.contentStart, v.contentStart + ranks).filter((w) => real.has(w) && w !== 'public' && /^\p{L}{4,}$/u.test(w));
  };
  const closest = (words: string[], lang: SearchLanguage, share: number, not: string[] = []) => {
    let best = words[0];
    let bestDistance = Infinity;
    for (const w of words) {
      if (not.some((n) => n.slice(0, 4) === w.slice(0, 4))) continue;
      const distance = Math.abs(pagesWith(w, lang) / pages - share);
      if (distance < bestDistance) [best, bestDistance] = [w, distance];
    }
    return best;
  };
  const en = content('en', 400);
  const fr = content('fr', 400);
  const common = closest(en, 'en', 0.1);
  const second = closest(en, 'en', 0.2, [common]);
  const frCommon = closest(fr, 'fr', 0.1);
  const accented = closest(fr.filter((w) => ACCENTED.test(w)), 'fr', 0.05);
  // A word of the long tail: the one found in fewest pages as typed (the last word also matches as a prefix).
  const tail = generator.vocabularies.en.words.slice(-200).filter((w) => /^\p{L}{6,}$/u.test(w));
  const rare = tail.map((w) => [w, matchesAsTyped(w)] as const).filter(([, n]) => n > 0).sort((a, b) => a[1] - b[1])[0]?.[0] ?? tail[0];
  const prefix = (fr.find((w) => w.length >= 6) ?? fr[0]).slice(0, 3);
  return [
    { kind: 'rare word', q: rare, who: 'member' },
    { kind: 'common word (~10%)', q: common, who: 'member' },
    { kind: 'word in every page', q: 'public', who: 'member' },
    { kind: 'two words', q: `${second} ${common}`, who: 'member' },
    { kind: 'typeahead (titles)', q: prefix, titles: true, typing: true, who: 'member' },
    { kind: 'search as you type', q: prefix, typing: true, who: 'member' },
    { kind: 'French, accented', q: accented, who: 'member' },
    { kind: 'one space (20%)', q: common, who: 'member', space: 'policy' },
    { kind: 'French pages only', q: frCommon, who: 'member', lang: 'fr' },
    { kind: 'anonymous, every page', q: 'public', who: 'anonymous' },
  ];
}
