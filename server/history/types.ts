// The shapes of page history shared by the history service, its API and its web views.

/** Why a revision was cut. */
export type RevisionTrigger =
  /** The page was created (API, web form, import, first start). */
  | 'created'
  /** Nobody edited for `history.quietMs`. */
  | 'quiet'
  /** The last editor left the page. */
  | 'left'
  /** A long session reached `history.maxIntervalMs` since the revision's first change. */
  | 'interval'
  /** Someone saved a named version. */
  | 'saved'
  /** Someone restored an older revision. */
  | 'restored'
  /** Changes found on start that the previous process had not cut (it stopped or died first). */
  | 'recovered'
  /** Changes cut just before a restore, so that the restore is a revision of its own. */
  | 'checkpoint';

export interface RevisionAuthor {
  userId: string;
  username: string;
  displayName: string;
  /** Characters (and other Yjs items: formatting marks, new blocks) this person inserted in the revision. */
  inserted: number;
  /** Characters (and other Yjs items) this person deleted in the revision. */
  deleted: number;
}

export interface RevisionSummary {
  /** 1, 2, 3… per page, in order. Revision numbers are what URLs and the API use. */
  number: number;
  createdAt: number;
  trigger: RevisionTrigger;
  /** A named version's name ("Sent to DG 2026-05-01"), or null. */
  name: string | null;
  summary: string | null;
  /** Who named it, and when. */
  namedBy: { userId: string; displayName: string } | null;
  namedAt: number | null;
  /** The revision number a restore brought back. */
  restoredFrom: number | null;
  /** Everyone whose edits are in this revision, most changes first. */
  authors: RevisionAuthor[];
}

export interface RevisionDetail extends RevisionSummary {
  title: string;
  /** Sanitized HTML, as on /wiki/:slug. */
  html: string;
  text: string;
}

export interface RevisionPage {
  /** Newest first. */
  items: RevisionSummary[];
  total: number;
  /** Pass as `before` to get the next (older) page of revisions; null on the last page. */
  nextCursor: number | null;
}

/** One run of a word diff. */
export interface DiffPart {
  type: 'equal' | 'insert' | 'delete';
  text: string;
}

/** A block (paragraph, heading, list…) of the compared texts. */
export interface DiffBlock {
  change: 'equal' | 'modified' | 'inserted' | 'deleted';
  parts: DiffPart[];
}

export interface TextDiff {
  blocks: DiffBlock[];
  insertedWords: number;
  deletedWords: number;
}

export interface RevisionDiff extends TextDiff {
  from: RevisionSummary;
  to: RevisionSummary;
  /** The title's word diff; null when the title did not change. */
  title: DiffPart[] | null;
}

/** Who wrote the current text: each run of text with its author. */
export interface AttributionAuthor {
  /** null for text whose author is unknown (written before attribution was recorded, or by the server). */
  userId: string | null;
  username: string | null;
  displayName: string | null;
  /** Characters of the current text this author wrote. */
  characters: number;
}

export interface AttributionRun {
  /** Index into Attribution.authors. */
  author: number;
  text: string;
}

export interface AttributionBlock {
  /** What the block is, for rendering: a paragraph, a heading level, a list item, a quote, code, a table cell. */
  kind: 'paragraph' | 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6' | 'listitem' | 'quote' | 'code' | 'cell';
  runs: AttributionRun[];
}

export interface Attribution {
  authors: AttributionAuthor[];
  blocks: AttributionBlock[];
}

export interface Actor {
  userId: string;
  displayName: string;
}
