// Entry of the catalogue bundle, loaded by /catalogue: instant faceted search in the browser. Once the reader's
// index is loaded (/catalogue/index.json, or the copy saved from an earlier visit when the network fails; see
// indexStore.ts), the server-rendered view is replaced by the SAME component (shared/catalogue/CatalogueView)
// rendered by React, and every change to the form (typing, ticking a filter) runs the SAME search
// (searchCatalogue) here: results and counts change without a page load, and the address follows
// (history.replaceState), so every state can be shared and reloads to the same results from the server.
// React keeps the text box and every checkbox (keyed by value) as they are between renders, so focus and
// caret stay put. Without JavaScript, or until the index is here, the form is the plain GET form.
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { CATALOGUE_FORM_ID, CATALOGUE_Q_ID, CATALOGUE_RESULTS_ID } from '../../../shared/catalogue/CatalogueView.js';
import { loadCatalogue, type CatalogueIndex } from '../../../shared/catalogue/catalogueIndex.js';
import type { Translate } from '../../../shared/i18n/index.js';
import { CatalogueApp, type AppState, type Notice } from './CatalogueApp.js';
import { readBoot } from './boot.js';
import { fetchIndex, type FetchedIndex } from './indexStore.js';
import { formQuery, queryProblems, sameQuery, searchOf, urlQuery } from './queries.js';
import './catalogue.css';

/** Set on the live view once the browser searches by itself. */
const INSTANT_ATTRIBUTE = 'data-instant';

async function start(): Promise<void> {
  const boot = readBoot();
  const form = document.getElementById(CATALOGUE_FORM_ID);
  const view = form?.closest('.catalogue');
  if (!boot || !(form instanceof HTMLFormElement) || !view) return;

  const fetched = await fetchIndex(boot.indexUrl);
  if (!fetched) return;
  let index: CatalogueIndex;
  try {
    index = loadCatalogue(fetched.data);
  } catch (error) {
    console.warn('Ensemble: the catalogue index could not be read; the form searches on the server', error);
    return;
  }

  // What the person may have typed or ticked while the index loaded; the page number comes from the address.
  const fromUrl = urlQuery(location.search);
  const fromForm = formQuery(form);
  const untouched = sameQuery(fromForm, { ...fromUrl, page: undefined });
  let state: AppState = {
    query: untouched ? fromUrl : fromForm,
    problems: untouched ? queryProblems(boot.t, location.search) : [],
    formKey: 0,
  };

  const focus = captureFocus();
  const container = document.createElement('div');
  container.className = 'catalogue-live';
  const root = createRoot(container);
  const render = () => flushSync(() => root.render(<CatalogueApp boot={boot} index={index} state={state} notice={noticeOf(fetched)} />));
  render();
  view.replaceWith(container);
  focus.restore();
  container.setAttribute(INSTANT_ATTRIBUTE, 'ready');

  let changed = false;
  const update = (next: AppState) => {
    state = next;
    render();
    const search = searchOf(state.query);
    if (search !== location.search) history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
    if (!changed) {
      changed = true;
      dropServerProblems(boot.t);
    }
  };
  const liveForm = () => document.getElementById(CATALOGUE_FORM_ID) as HTMLFormElement;

  container.addEventListener('input', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.form === liveForm()) update({ ...state, query: formQuery(liveForm()), problems: [] });
  });
  container.addEventListener('submit', (event) => {
    event.preventDefault();
    update({ ...state, query: formQuery(liveForm()), problems: [] });
  });
  // Links to other states of the catalogue (clear the filters, other pages of results) are answered here too.
  container.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a') : null;
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || url.pathname !== location.pathname) return;
    event.preventDefault();
    const query = urlQuery(url.search);
    const pageOnly = sameQuery({ ...query, page: undefined }, { ...state.query, page: undefined });
    // A new selection rebuilds the form so its boxes show it; another page of the same results keeps it.
    update({ query, problems: [], formKey: pageOnly ? state.formKey : state.formKey + 1 });
    if (pageOnly) focusResults();
    else document.getElementById(CATALOGUE_Q_ID)?.focus();
  });
  window.addEventListener('online', render);
  window.addEventListener('offline', render);
}

function noticeOf(fetched: FetchedIndex): Notice | null {
  if (fetched.source === 'saved') return { kind: 'saved', at: fetched.at };
  return navigator.onLine ? null : { kind: 'offline', at: fetched.at };
}

/** The element that had focus in the server's view, found again by id in the new one, caret included. */
function captureFocus(): { restore(): void } {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || !active.id || !active.closest('.catalogue')) return { restore() {} };
  const { id } = active;
  const caret = active instanceof HTMLInputElement && active.type === 'search' ? { start: active.selectionStart, end: active.selectionEnd } : null;
  return {
    restore() {
      const again = document.getElementById(id);
      if (!again) return;
      again.focus();
      if (caret && again instanceof HTMLInputElement && caret.start !== null && caret.end !== null) again.setSelectionRange(caret.start, caret.end);
    },
  };
}

/** After another page of results, reading goes on from the results' heading. */
function focusResults(): void {
  const heading = document.querySelector<HTMLElement>(`#${CATALOGUE_RESULTS_ID} h2`);
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus();
}

/** The server's error summary and page title spoke of the address the page was loaded with, which is gone. */
function dropServerProblems(t: Translate): void {
  document.getElementById(`${CATALOGUE_FORM_ID}-error-summary`)?.closest('.error-summary')?.remove();
  const error = t('catalogue.titleError');
  if (document.title.startsWith(error)) document.title = t('catalogue.title') + document.title.slice(error.length);
}

void start();
