// Entry of the editor bundle: reads the boot data the server put in the page and mounts the live editor.
// No inline script is involved: the data travels in a JSON script element, read as text.
import { createRoot } from 'react-dom/client';
import { isLocale } from '../../../shared/i18n/index.js';
import { EditorApp, type BootData } from './EditorApp.js';
import type { BootUser } from './presenceIdentity.js';
import './editor.css';

function readBootData(): BootData {
  const element = document.getElementById('ensemble-boot');
  if (!element?.textContent) throw new Error('Ensemble: the page has no #ensemble-boot data');
  const raw = JSON.parse(element.textContent) as Record<string, unknown>;
  const text = (key: string): string => {
    const value = raw[key];
    if (typeof value !== 'string' || value === '') throw new Error(`Ensemble: boot data lacks "${key}"`);
    return value;
  };
  return {
    pageId: text('pageId'),
    slug: text('slug'),
    title: typeof raw.title === 'string' ? raw.title : '',
    locale: isLocale(raw.locale) ? raw.locale : isLocale(document.documentElement.lang) ? document.documentElement.lang : 'en',
    collabUrl: text('collabUrl'),
    viewUrl: text('viewUrl'),
    user: readUser(raw.user),
    // Read-only unless the server said otherwise: it drops a reader's edits anyway.
    canWrite: raw.canWrite === true,
    csrfToken: typeof raw.csrfToken === 'string' ? raw.csrfToken : '',
    signInUrl: isLocalPath(raw.signInUrl) ? raw.signInUrl : signInUrlFor(location),
  };
}

function readUser(value: unknown): BootUser | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, displayName } = value as Record<string, unknown>;
  return typeof id === 'string' && typeof displayName === 'string' ? { id, displayName } : null;
}

/** A path on this site ("/login…"), never another site's ("//host", "https:…"). */
function isLocalPath(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\');
}

/** The sign-in page, coming back to this editor afterwards. */
function signInUrlFor(loc: Pick<Location, 'pathname' | 'search'>): string {
  return `/login?next=${encodeURIComponent(loc.pathname + loc.search)}`;
}

const container = document.getElementById('ensemble-editor');
if (container) {
  const boot = readBootData();
  // The server's "Loading the editor…" paragraph and <noscript> give way to the editor.
  container.replaceChildren();
  createRoot(container).render(<EditorApp boot={boot} />);
}
