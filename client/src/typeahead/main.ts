// Entry of the typeahead bundle, loaded on every page (Layout): enhances the header search box into a
// combobox of matching page titles. Without it, or before it loads, the box is a plain search form.
// Its strings come with its script element (data-typeahead, in the page's language), not a bundled catalogue.
import { TitleTypeahead, type TypeaheadMessages } from './combobox.js';

const SEARCH_INPUT_ID = 'site-search-q';

function readMessages(): TypeaheadMessages | null {
  const json = document.querySelector<HTMLScriptElement>('script[data-typeahead]')?.dataset.typeahead;
  if (!json) return null;
  const raw = JSON.parse(json) as Record<string, unknown>;
  const text = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : null);
  const listLabel = text('typeahead.listLabel');
  const count = text('typeahead.count');
  const countOne = text('typeahead.countOne');
  const none = text('typeahead.none');
  if (listLabel === null || count === null || countOne === null || none === null) return null;
  return { listLabel, none, count: (n) => (n === 1 ? countOne : count.replace('{count}', String(n))) };
}

const input = document.getElementById(SEARCH_INPUT_ID);
const messages = readMessages();
if (input instanceof HTMLInputElement && messages) new TitleTypeahead(input, messages);
