// The header search box as a WAI-ARIA 1.2 combobox (list autocomplete, no automatic selection): titles of
// pages the visitor may read, from GET /api/v1/search/titles, as they type. Down/Up move through the
// suggestions (focus stays in the box, aria-activedescendant names the highlighted one), Enter opens the
// highlighted page or else submits the search as without the script, Escape closes the list and then
// clears the box, Tab leaves. Titles are put in the page as text nodes only.
import { highlightTitle } from './highlight.js';

export interface TypeaheadMessages {
  listLabel: string;
  count: (count: number) => string;
  none: string;
}

interface Suggestion {
  id: string;
  slug: string;
  title: string;
}

/** Waits this long after the last keystroke before asking: fast typists send one request per pause. */
export const DEBOUNCE_MS = 120;
const ENDPOINT = '/api/v1/search/titles';
/** As the API allows (schema maxLength). */
const MAX_QUERY = 200;

export const pageHref = (slug: string) => `/wiki/${encodeURIComponent(slug)}`;

export class TitleTypeahead {
  private readonly listbox: HTMLUListElement;
  private readonly liveRegion: HTMLElement;
  private suggestions: Suggestion[] = [];
  private active = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private controller: AbortController | null = null;
  /** Number of the latest request; an answer to any earlier one is stale and dropped. */
  private requested = 0;
  /** The text the shown suggestions answer. */
  private shownFor = '';

  constructor(
    private readonly input: HTMLInputElement,
    private readonly messages: TypeaheadMessages,
    private readonly navigate: (href: string) => void = (href) => window.location.assign(href),
  ) {
    const listId = `${input.id}-suggestions`;
    this.listbox = document.createElement('ul');
    this.listbox.id = listId;
    this.listbox.className = 'typeahead__list';
    this.listbox.setAttribute('role', 'listbox');
    this.listbox.setAttribute('aria-label', messages.listLabel);
    this.listbox.hidden = true;

    // Not role=status: pages keep one status region of their own (the editor's connection line).
    this.liveRegion = document.createElement('div');
    this.liveRegion.className = 'visually-hidden';
    this.liveRegion.setAttribute('aria-live', 'polite');
    this.liveRegion.setAttribute('aria-atomic', 'true');

    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);
    input.insertAdjacentElement('afterend', this.listbox);
    this.listbox.insertAdjacentElement('afterend', this.liveRegion);

    input.addEventListener('input', () => this.onInput());
    input.addEventListener('keydown', (event) => this.onKeyDown(event));
    input.addEventListener('blur', () => this.close());
    input.addEventListener('focus', () => {
      if (this.suggestions.length > 0 && this.shownFor === input.value) this.open();
    });
    // Pressing on an option must not take focus from the box (which would close the list before the click).
    this.listbox.addEventListener('mousedown', (event) => event.preventDefault());
    this.listbox.addEventListener('click', (event) => {
      const option = (event.target as Element).closest<HTMLElement>('[role="option"]');
      if (option) this.choose(Number(option.dataset.index));
    });
    this.listbox.addEventListener('mousemove', (event) => {
      const option = (event.target as Element).closest<HTMLElement>('[role="option"]');
      if (option) this.highlight(Number(option.dataset.index));
    });
  }

  private onInput(): void {
    clearTimeout(this.timer);
    // What is highlighted answered the previous text: Enter now searches for what is typed.
    this.highlight(-1);
    const q = this.input.value;
    if (q.trim() === '') {
      this.cancel();
      this.show([], '');
      return;
    }
    this.timer = setTimeout(() => void this.request(q), DEBOUNCE_MS);
  }

  private cancel(): void {
    clearTimeout(this.timer);
    this.controller?.abort();
    this.controller = null;
    this.requested++;
  }

  private async request(q: string): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const seq = ++this.requested;
    let results: Suggestion[];
    try {
      const response = await fetch(`${ENDPOINT}?q=${encodeURIComponent(q.slice(0, MAX_QUERY))}`, {
        signal: controller.signal,
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
      });
      // Not allowed to search (signed out of a private wiki) or a bad query: no suggestions, the form still works.
      results = response.ok ? parseSuggestions(await response.json()) : [];
      if (!response.ok) q = '';
    } catch {
      return; // aborted, or offline: the plain form is still there
    }
    if (seq !== this.requested) return;
    this.controller = null;
    this.show(results, q);
  }

  private show(results: Suggestion[], q: string): void {
    this.suggestions = results;
    this.shownFor = q;
    this.active = -1;
    this.input.removeAttribute('aria-activedescendant');
    this.listbox.replaceChildren(
      ...results.map((suggestion, index) => {
        const option = document.createElement('li');
        option.id = `${this.listbox.id}-${index}`;
        option.className = 'typeahead__option';
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.dataset.index = String(index);
        for (const segment of highlightTitle(suggestion.title, q)) {
          if (segment.mark) {
            const mark = document.createElement('mark');
            mark.textContent = segment.text;
            option.append(mark);
          } else {
            option.append(document.createTextNode(segment.text));
          }
        }
        return option;
      }),
    );
    if (q === '') {
      this.close();
      this.liveRegion.textContent = '';
      return;
    }
    this.liveRegion.textContent = results.length === 0 ? this.messages.none : this.messages.count(results.length);
    if (results.length > 0 && document.activeElement === this.input) this.open();
    else this.close();
  }

  private open(): void {
    this.listbox.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  }

  private close(): void {
    this.listbox.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.highlight(-1);
  }

  private get isOpen(): boolean {
    return !this.listbox.hidden;
  }

  private highlight(index: number): void {
    this.active = index;
    const options = this.listbox.querySelectorAll<HTMLElement>('[role="option"]');
    options.forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
    const current = options[index];
    if (current) {
      this.input.setAttribute('aria-activedescendant', current.id);
      current.scrollIntoView({ block: 'nearest' });
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  }

  private choose(index: number): void {
    const suggestion = this.suggestions[index];
    if (!suggestion) return;
    this.close();
    this.navigate(pageHref(suggestion.slug));
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
    const count = this.suggestions.length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (count === 0 || this.shownFor !== this.input.value) return;
        event.preventDefault();
        const down = event.key === 'ArrowDown';
        if (!this.isOpen) {
          this.open();
          this.highlight(down ? 0 : count - 1);
        } else if (this.active === -1) {
          this.highlight(down ? 0 : count - 1);
        } else {
          this.highlight((this.active + (down ? 1 : count - 1)) % count);
        }
        return;
      }
      case 'Enter':
        if (this.isOpen && this.active >= 0) {
          event.preventDefault();
          this.choose(this.active);
        }
        // Otherwise the form submits: a full search, as without the script.
        return;
      case 'Escape':
        // A search box clears itself on Escape; with the list open, the first Escape only closes it.
        if (this.isOpen) {
          event.preventDefault();
          this.close();
        } else if (this.input.value !== '') {
          event.preventDefault();
          this.input.value = '';
          this.cancel();
          this.show([], '');
        }
        return;
      case 'Tab':
        this.close();
        return;
    }
  }
}

/** The API's answer, checked: anything unexpected counts as no suggestions. */
function parseSuggestions(body: unknown): Suggestion[] {
  const results = (body as { results?: unknown })?.results;
  if (!Array.isArray(results)) return [];
  return results.filter(
    (r): r is Suggestion => typeof r === 'object' && r !== null && typeof r.id === 'string' && typeof r.slug === 'string' && typeof r.title === 'string',
  );
}
