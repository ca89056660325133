// Request and response schemas of the pages API: the single source of its types and OpenAPI description.
import { Type, type Static } from '@sinclair/typebox';
import { defaults } from '../plugins/config.js';

export const ErrorSchema = Type.Object(
  { code: Type.String({ examples: ['WIKI_PAGE_NOT_FOUND'] }), message: Type.String() },
  { $id: 'Error', additionalProperties: false },
);

export const CreatePageBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: defaults.pages.maxTitleLength, description: 'Shown as the page heading.' }),
    slug: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Address under /wiki/. Derived from the title when absent.' })),
    template: Type.Optional(Type.String({ maxLength: 100, description: 'Name of a template to start from (GET /api/v1/templates lists them). Blank when absent. A page made from a template page keeps its language unless lang is given.' })),
    space: Type.Optional(Type.String({ maxLength: 100, description: 'Id or address of the space the page goes in. Main when absent.' })),
    lang: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('fr'), Type.Literal('sv'), Type.Literal('nl')])),
    reuseRedirect: Type.Optional(Type.Boolean({ description: 'Take `slug` even when it is an old address of a renamed page (otherwise 409 WIKI_SLUG_REDIRECTS): its old links then lead to the new page.' })),
  },
  { additionalProperties: false },
);
export type CreatePageBody = Static<typeof CreatePageBody>;

export const MovePageBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: defaults.pages.maxTitleLength, description: 'The new title. Unchanged when absent.' })),
    slug: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'The new address under /wiki/. Unchanged when absent (it is not derived from a new title).' })),
    reuseRedirect: Type.Optional(Type.Boolean({ description: 'Take `slug` even when it is an old address of another page (otherwise 409 WIKI_SLUG_REDIRECTS): its old links then lead here.' })),
  },
  { additionalProperties: false },
);
export type MovePageBody = Static<typeof MovePageBody>;

export const Redirect = Type.Object(
  {
    slug: Type.String({ description: 'An old address: /wiki/<slug> answers 301 to the page, and the API resolves it to the page.' }),
    url: Type.String(),
    createdAt: Type.String({ format: 'date-time', description: 'When the page left this address.' }),
  },
  { additionalProperties: false },
);

export const RedirectList = Type.Object({ items: Type.Array(Redirect) }, { additionalProperties: false });

export const MovedPage = Type.Object(
  {
    id: Type.String(),
    slug: Type.String(),
    title: Type.String(),
    url: Type.String(),
    redirects: Type.Array(Type.String(), { description: 'Every old address of the page, newest first.' }),
  },
  { additionalProperties: false },
);

export const TemplatesQuery = Type.Object(
  {
    lang: Type.Optional(
      Type.Union([Type.Literal('en'), Type.Literal('fr'), Type.Literal('sv'), Type.Literal('nl')], {
        description: 'Language of the new page: names and descriptions in French for fr, in English otherwise. The interface language when absent.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const TemplateList = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          name: Type.String({ description: 'What to pass as `template` to POST /api/v1/pages: a built-in name, or page: and a page id.', examples: ['justification-plan', 'page:k3m9x2p4q7rt'] }),
          title: Type.String(),
          description: Type.String(),
          kind: Type.Union([Type.Literal('built-in'), Type.Literal('page')]),
          url: Type.Optional(Type.String({ description: 'The template page, for page templates.' })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const CreatedPage = Type.Object(
  { id: Type.String(), slug: Type.String(), title: Type.String(), url: Type.String() },
  { additionalProperties: false },
);

export const SpaceRef = Type.Object(
  {
    id: Type.String(),
    slug: Type.String(),
    name: Type.String(),
    classification: Type.Union([Type.Literal('unclassified'), Type.Literal('protected-a'), Type.Literal('protected-b')]),
  },
  { additionalProperties: false },
);

export const PageSummary = Type.Object(
  {
    id: Type.String(),
    slug: Type.String(),
    title: Type.String(),
    url: Type.String(),
    space: SpaceRef,
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type PageSummary = Static<typeof PageSummary>;

export const Page = Type.Object(
  {
    id: Type.String(),
    slug: Type.String(),
    title: Type.String(),
    lang: Type.String(),
    url: Type.String(),
    html: Type.String({ description: 'Sanitized HTML of the body.' }),
    text: Type.String({ description: 'Plain text of the body.' }),
    space: SpaceRef,
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type Page = Static<typeof Page>;

export const PageParams = Type.Object({ idOrSlug: Type.String({ minLength: 1, maxLength: 200 }) });
export const PageIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const ListPagesQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: defaults.pages.maxPageSize, default: defaults.pages.defaultPageSize })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor from the previous page of results.' })),
    space: Type.Optional(Type.String({ maxLength: 100, description: 'Only pages of this space (id or address).' })),
  },
  { additionalProperties: false },
);

export const PageList = Type.Object(
  {
    items: Type.Array(PageSummary),
    total: Type.Integer(),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
