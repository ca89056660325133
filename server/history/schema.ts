// Request and response schemas of the page history API: the single source of its types and OpenAPI description.
// Timestamps leave the server as ISO strings, like the pages API.
import { Type, type Static } from '@sinclair/typebox';
import { ErrorSchema } from '../pages/schema.js';
import { MAX_VERSION_NAME, MAX_VERSION_SUMMARY } from './history.service.js';

export const errorResponses = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 415: ErrorSchema };

export const maxListLimit = 200;
export const defaultListLimit = 50;

/** Revision numbers are small positive integers; the upper bound keeps absurd values out of SQLite. */
const RevisionNumber = (description: string) => Type.Integer({ minimum: 1, maximum: 2_147_483_647, description });

export const PageRefParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200, description: 'Page id or address.' }) });
export const RevisionParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 200, description: 'Page id or address.' }),
  number: RevisionNumber('Revision number: 1, 2, 3… per page.'),
});

export const ListRevisionsQuery = Type.Object(
  {
    before: Type.Optional(RevisionNumber('nextCursor from the previous page of results: only revisions older than this one.')),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: maxListLimit, default: defaultListLimit })),
  },
  { additionalProperties: false },
);

export const DiffQuery = Type.Object(
  { from: RevisionNumber('One revision to compare.'), to: RevisionNumber('The other revision (either order).') },
  { additionalProperties: false },
);

export const NameBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: MAX_VERSION_NAME, description: 'Trimmed; must not be blank.' }),
    summary: Type.Optional(Type.String({ maxLength: MAX_VERSION_SUMMARY, description: 'What changed, or why the version matters. Blank means none.' })),
  },
  { additionalProperties: false },
);
export type NameBody = Static<typeof NameBody>;

/** Restoring takes nothing but the revision in the address (the route reads an empty body as {}). */
export const RestoreBody = Type.Object({}, { additionalProperties: false });

const Trigger = Type.Union(
  ['created', 'quiet', 'left', 'interval', 'saved', 'restored', 'recovered', 'checkpoint'].map((t) => Type.Literal(t)),
  { description: 'Why the revision was cut.' },
);

export const RevisionAuthor = Type.Object(
  {
    userId: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    inserted: Type.Integer({ description: 'Characters (and other items: formatting, new blocks) this person inserted.' }),
    deleted: Type.Integer({ description: 'Characters (and other items) this person deleted.' }),
  },
  { additionalProperties: false },
);

const revisionSummaryFields = {
  number: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  trigger: Trigger,
  name: Type.Union([Type.String(), Type.Null()], { description: 'A named version’s name.' }),
  summary: Type.Union([Type.String(), Type.Null()]),
  namedBy: Type.Union([Type.Object({ userId: Type.String(), displayName: Type.String() }, { additionalProperties: false }), Type.Null()]),
  namedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  restoredFrom: Type.Union([Type.Integer(), Type.Null()], { description: 'The revision a restore brought back.' }),
  authors: Type.Array(RevisionAuthor, { description: 'Everyone whose edits are in this revision, most changes first.' }),
};

export const RevisionSummary = Type.Object(revisionSummaryFields, { additionalProperties: false });
export type RevisionSummary = Static<typeof RevisionSummary>;

export const RevisionDetail = Type.Object(
  {
    ...revisionSummaryFields,
    title: Type.String(),
    html: Type.String({ description: 'Sanitized HTML of the body at this revision.' }),
    text: Type.String({ description: 'Plain text of the body at this revision.' }),
  },
  { additionalProperties: false },
);
export type RevisionDetail = Static<typeof RevisionDetail>;

export const RevisionList = Type.Object(
  {
    items: Type.Array(RevisionSummary, { description: 'Newest first.' }),
    total: Type.Integer(),
    nextCursor: Type.Union([Type.Integer(), Type.Null()], { description: 'Pass as `before` for the next (older) page; null on the last.' }),
  },
  { additionalProperties: false },
);

export const NamedVersionList = Type.Object({ items: Type.Array(RevisionSummary, { description: 'Newest first.' }) }, { additionalProperties: false });

const DiffPart = Type.Object(
  { type: Type.Union([Type.Literal('equal'), Type.Literal('insert'), Type.Literal('delete')]), text: Type.String() },
  { additionalProperties: false },
);

export const RevisionDiff = Type.Object(
  {
    from: RevisionSummary,
    to: RevisionSummary,
    title: Type.Union([Type.Array(DiffPart), Type.Null()], { description: 'The title’s word diff; null when it did not change.' }),
    blocks: Type.Array(
      Type.Object(
        {
          change: Type.Union([Type.Literal('equal'), Type.Literal('modified'), Type.Literal('inserted'), Type.Literal('deleted')]),
          parts: Type.Array(DiffPart),
        },
        { additionalProperties: false },
      ),
      { description: 'The blocks (paragraphs, headings, list items…) of the compared texts.' },
    ),
    insertedWords: Type.Integer(),
    deletedWords: Type.Integer(),
  },
  { additionalProperties: false },
);

const BlockKind = Type.Union(
  ['paragraph', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'listitem', 'quote', 'code', 'cell'].map((k) => Type.Literal(k)),
);

export const Attribution = Type.Object(
  {
    authors: Type.Array(
      Type.Object(
        {
          userId: Type.Union([Type.String(), Type.Null()], { description: 'null for text whose author is unknown.' }),
          username: Type.Union([Type.String(), Type.Null()]),
          displayName: Type.Union([Type.String(), Type.Null()]),
          characters: Type.Integer({ description: 'Characters of the current text this author wrote.' }),
        },
        { additionalProperties: false },
      ),
    ),
    blocks: Type.Array(
      Type.Object(
        {
          kind: BlockKind,
          runs: Type.Array(
            Type.Object({ author: Type.Integer({ description: 'Index into authors.' }), text: Type.String() }, { additionalProperties: false }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, description: 'Who wrote each part of the page’s current text.' },
);
