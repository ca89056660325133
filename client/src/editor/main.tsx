// Entry of the editor bundle: reads the boot data the server put in the page and mounts the live editor.
// No inline script is involved: the data travels in a JSON script element, read as text.
import { createRoot } from 'react-dom/client';
import { isLocale } from '../../../shared/i18n/index.js';
import { EditorApp, type BootData } from './EditorApp.js';
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
  };
}

const container = document.getElementById('ensemble-editor');
if (container) {
  const boot = readBootData();
  // The server's "Loading the editor…" paragraph and <noscript> give way to the editor.
  container.replaceChildren();
  createRoot(container).render(<EditorApp boot={boot} />);
}
