// Chooses exactly which page fields leave the server. Internal columns (slug_key, versions) never do.
import type { PageRow, PageSummaryRow } from './pages.repo.js';
import type { Page, PageSummary } from './schema.js';

export interface SpaceLookup {
  find(id: string): { id: string; slug: string; name: string; classification: 'unclassified' | 'protected-a' | 'protected-b' } | undefined;
}

export function presentSpaceRef(spaces: SpaceLookup, spaceId: string): PageSummary['space'] {
  const space = spaces.find(spaceId);
  return space
    ? { id: space.id, slug: space.slug, name: space.name, classification: space.classification }
    : { id: spaceId, slug: spaceId, name: spaceId, classification: 'unclassified' };
}

export const pageUrl = (slug: string) => `/wiki/${encodeURIComponent(slug)}`;

export function presentPage(row: PageRow, spaces: SpaceLookup): Page {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    lang: row.lang,
    url: pageUrl(row.slug),
    html: row.html,
    text: row.text,
    space: presentSpaceRef(spaces, row.space_id),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export function presentSummary(row: PageSummaryRow, spaces: SpaceLookup): PageSummary {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    url: pageUrl(row.slug),
    space: presentSpaceRef(spaces, row.space_id),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Opaque keyset cursor for the recent-pages list. */
export function encodeCursor(row: PageSummaryRow): string {
  return Buffer.from(JSON.stringify([row.updated_at, row.id])).toString('base64url');
}

export function decodeCursor(cursor: string): { updatedAt: number; id: string } | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && Number.isInteger(value[0]) && typeof value[1] === 'string') {
      return { updatedAt: value[0], id: value[1] };
    }
  } catch {
    // fall through
  }
  return null;
}
