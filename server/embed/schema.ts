// Request and response schemas of the oEmbed provider (oEmbed 1.0, https://oembed.com): the single source of
// its types and of its entry in the OpenAPI document.
import { Type, type Static } from '@sinclair/typebox';

/** Longest `url` accepted: far beyond any page address, short of abuse. */
export const MAX_OEMBED_URL_LENGTH = 2048;
const MAX_FRAME_SIDE = 10_000;

export const OEmbedQuery = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: MAX_OEMBED_URL_LENGTH, description: 'Absolute URL of a page of this wiki: /wiki/:slug (or one of its views), /p/:id, /embed/:slug or /embed/p/:id.' }),
    format: Type.Optional(Type.String({ maxLength: 20, description: 'json (the default). Any other format is answered 501, as oEmbed asks.' })),
    maxwidth: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_FRAME_SIDE })),
    maxheight: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_FRAME_SIDE })),
  },
  // Consumers add parameters of their own (oEmbed allows provider-specific ones); they are ignored.
  { additionalProperties: true },
);
export type OEmbedQuery = Static<typeof OEmbedQuery>;

export const OEmbedRich = Type.Object(
  {
    type: Type.Literal('rich'),
    version: Type.Literal('1.0'),
    title: Type.String(),
    provider_name: Type.String(),
    provider_url: Type.String(),
    html: Type.String({ description: 'An <iframe> of /embed/p/:id. The frame posts {type: "ensemble:height", height, slug} to its parent.' }),
    width: Type.Integer(),
    height: Type.Integer(),
  },
  { additionalProperties: false },
);
export type OEmbedRich = Static<typeof OEmbedRich>;
