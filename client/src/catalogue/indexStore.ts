// The reader's catalogue index, from the server, with the last copy kept in localStorage keyed by its version
// (the server's ETag, and the index format), so a page whose index request fails (offline, server trouble)
// still searches, and an unchanged index is not downloaded again (If-None-Match → 304).
// Only a network failure falls back to the copy: any HTTP answer that is not the index (signed out, no
// longer allowed) deletes it, so it never outlives the access it was made for.
import { CATALOGUE_FORMAT_VERSION, type SerializedCatalogue } from '../../../shared/catalogue/catalogueIndex.js';

export const STORAGE_KEY = 'ensemble.catalogue.index';

interface Saved {
  format: number;
  etag: string;
  /** When it was last confirmed current by the server (ms since the epoch). */
  savedAt: number;
  data: SerializedCatalogue;
}

export interface FetchedIndex {
  data: SerializedCatalogue;
  /** 'saved': the network failed and this is the copy from `at`. */
  source: 'network' | 'saved';
  at: number;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage refused (privacy settings): no copy, search still works while the page is open
  }
}

function readSaved(): Saved | null {
  const raw = storage()?.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    const saved = JSON.parse(raw) as Saved;
    return saved.format === CATALOGUE_FORMAT_VERSION && typeof saved.etag === 'string' && saved.data?.version === CATALOGUE_FORMAT_VERSION ? saved : null;
  } catch {
    return null;
  }
}

function save(saved: Saved): void {
  const store = storage();
  if (!store) return;
  try {
    store.setItem(STORAGE_KEY, JSON.stringify(saved));
  } catch {
    // Over the quota (a very large catalogue): better no copy than a stale one.
    store.removeItem(STORAGE_KEY);
  }
}

export function forgetSaved(): void {
  storage()?.removeItem(STORAGE_KEY);
}

/** The index, or null when there is none to search (the server-rendered form keeps working). */
export async function fetchIndex(url: string, now: () => number = Date.now): Promise<FetchedIndex | null> {
  const saved = readSaved();
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json', ...(saved ? { 'if-none-match': saved.etag } : {}) },
      // The copy in localStorage is the cache; revalidation is done by hand so a 304 reaches this code.
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch {
    return saved ? { data: saved.data, source: 'saved', at: saved.savedAt } : null;
  }
  if (response.status === 304 && saved) {
    const at = now();
    save({ ...saved, savedAt: at });
    return { data: saved.data, source: 'network', at };
  }
  if (!response.ok) {
    forgetSaved();
    return null;
  }
  const data = (await response.json()) as SerializedCatalogue;
  const at = now();
  const etag = response.headers.get('etag');
  if (etag) save({ format: CATALOGUE_FORMAT_VERSION, etag, savedAt: at, data });
  else forgetSaved();
  return { data, source: 'network', at };
}
