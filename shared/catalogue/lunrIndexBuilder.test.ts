// The fast builder must produce the index lunr.Builder would: same terms and postings, same vectors, same
// scores for every query. (Terms arrive analyzed, so lower-case, as lunr's tokenizer would make them.)
import lunr from 'lunr';
import { buildLunrIndex } from './lunrIndexBuilder.js';

const FIELDS = { title: 10, summary: 4, body: 1 };
type Field = keyof typeof FIELDS;

const DOCS: { ref: string; fields: Record<Field, string[]> }[] = [
  { ref: 'a', fields: { title: ['open', 'data', 'portal'], summary: ['data', 'publish', 'govern'], body: ['data', 'data', 'citi', 'constructor', 'open'] } },
  { ref: 'b', fields: { title: ['wiki'], summary: [], body: ['wiki', 'collabor', 'public', 'servant', 'share', 'knowledg'] } },
  { ref: 'c', fields: { title: ['citizen', 'budget'], summary: ['citoyen', 'budget', 'particip'], body: [] } },
  { ref: 'd', fields: { title: ['__proto__', 'tostring'], summary: ['hasownproperty'], body: ['open', 'govern', 'govern', 'wiki'] } },
];

function lunrOwn(): lunr.Index {
  const builder = new lunr.Builder();
  builder.ref('ref');
  for (const [field, boost] of Object.entries(FIELDS)) builder.field(field, { boost });
  for (const doc of DOCS) builder.add({ ref: doc.ref, ...doc.fields });
  return builder.build();
}

type IndexJson = { invertedIndex: [string, unknown][]; fieldVectors: [string, number[]][]; fields: string[]; pipeline: string[] };

test('builds the index lunr.Builder builds (leaving out empty field vectors, which no query reads)', () => {
  const own = JSON.parse(JSON.stringify(lunrOwn())) as IndexJson;
  const fast = JSON.parse(JSON.stringify(buildLunrIndex(DOCS, FIELDS))) as IndexJson;
  expect(fast.invertedIndex).toEqual(own.invertedIndex);
  expect(fast.fields).toEqual(own.fields);
  expect(fast.pipeline).toEqual([]);
  expect(fast.fieldVectors).toEqual(own.fieldVectors.filter(([, elements]) => elements.length > 0));
});

test('answers every query with the same documents and scores as lunr.Builder’s index', () => {
  const own = lunrOwn();
  const fast = buildLunrIndex(DOCS, FIELDS);
  const terms = new Set(DOCS.flatMap((d) => Object.values(d.fields).flat()));
  const queries: ((q: lunr.Query) => void)[] = [];
  for (const term of terms) {
    queries.push((q) => q.term(term, { usePipeline: false }));
    queries.push((q) => q.term(term.slice(0, 2), { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING }));
  }
  queries.push((q) => {
    q.term('data', { usePipeline: false });
    q.term('wiki', { usePipeline: false });
  });
  for (const query of queries) {
    expect(fast.query(query).map((r) => [r.ref, r.score])).toEqual(own.query(query).map((r) => [r.ref, r.score]));
  }
});

test('loads from its JSON and answers the same', () => {
  const fast = buildLunrIndex(DOCS, FIELDS);
  const loaded = lunr.Index.load(JSON.parse(JSON.stringify(fast)));
  for (const term of ['open', 'govern', 'constructor', '__proto__', 'wi']) {
    const query = (q: lunr.Query) => q.term(term, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
    expect(loaded.query(query)).toEqual(fast.query(query));
  }
});
