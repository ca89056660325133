// Wiki links: typing [[ opens an autocomplete of page titles at the caret (Lexical's typeahead menu: the
// body keeps focus and names the highlighted option with aria-activedescendant; Up/Down move, Enter or Tab
// choose, Escape cancels, typing narrows). The list is the pages the person may read whose titles start like
// what follows [[ (the most recently changed ones for a bare [[), then "Create page “X”". Choosing replaces
// [[query with an ordinary link: to the page's permanent link /p/<id> (so it survives renames), or to
// /pages/new?title=X for a page that does not exist yet, which the server shows as a red link.
// How many suggestions there are is said in a polite live region outside the list.
import { useCallback, useEffect, useMemo, useState, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { $createTextNode, $insertNodes, $isTextNode, type TextNode } from 'lexical';
import { $createLinkNode } from '@lexical/link';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { LexicalTypeaheadMenuPlugin, MenuOption, type MenuTextMatch } from '@lexical/react/LexicalTypeaheadMenuPlugin';
import type { Translate } from '../../../shared/i18n/index.js';

/** Waits this long after the last keystroke before asking, as the header search does. */
const DEBOUNCE_MS = 120;
const MAX_QUERY = 200;
const RECENT_COUNT = 8;
/** [[ then the title typed so far: no brackets or line breaks, and not so long it must be something else. */
const TRIGGER = /\[\[([^[\]\n]{0,100})$/;

export const permalinkUrl = (id: string) => `/p/${id}`;
export const wantedPageUrl = (title: string) => `/pages/new?title=${encodeURIComponent(title)}`;

interface PageSuggestion {
  id: string;
  title: string;
}

class WikiLinkOption extends MenuOption {
  constructor(
    readonly label: string,
    /** The page's id; null for "create this page". */
    readonly pageId: string | null,
    readonly pageTitle: string,
  ) {
    super(pageId ? `page:${pageId}` : `create:${pageTitle}`);
    this.title = label;
  }
}

function matchWikiLink(text: string): MenuTextMatch | null {
  const match = TRIGGER.exec(text);
  if (!match) return null;
  return { leadOffset: match.index, matchingString: match[1], replaceableString: match[0] };
}

/** Pages for the query: title matches, or the most recently changed for an empty one. Empty on any failure. */
async function fetchSuggestions(query: string, signal: AbortSignal): Promise<PageSuggestion[]> {
  const url = query === '' ? `/api/v1/pages?limit=${RECENT_COUNT}` : `/api/v1/search/titles?q=${encodeURIComponent(query.slice(0, MAX_QUERY))}`;
  const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) return [];
  const body = (await response.json()) as { results?: PageSuggestion[]; items?: PageSuggestion[] };
  return (body.results ?? body.items ?? []).map(({ id, title }) => ({ id, title }));
}

export function WikiLinkPlugin({ t }: { t: Translate }) {
  const [editor] = useLexicalComposerContext();
  const [query, setQuery] = useState<string | null>(null);
  const [found, setFound] = useState<{ query: string; pages: PageSuggestion[] } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const trimmed = query === null ? null : query.replace(/\s+/g, ' ').trim();

  useEffect(() => {
    if (trimmed === null) {
      setFound(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchSuggestions(trimmed, controller.signal)
        .then((pages) => setFound({ query: trimmed, pages }))
        .catch(() => {
          // Aborted (a newer query is on its way) or offline: the create option still works.
          if (!controller.signal.aborted) setFound({ query: trimmed, pages: [] });
        });
    }, DEBOUNCE_MS);
    // A stale answer is never shown: its request is aborted as soon as the query changes.
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [trimmed]);

  const options = useMemo(() => {
    if (trimmed === null) return [];
    const pages = found?.query === trimmed ? found.pages : [];
    const list = pages.map((page) => new WikiLinkOption(page.title, page.id, page.title));
    const exists = pages.some((page) => page.title.toLocaleLowerCase() === trimmed.toLocaleLowerCase());
    if (trimmed !== '' && !exists) list.push(new WikiLinkOption(t('wikiLinks.create', { title: trimmed }), null, trimmed));
    return list;
  }, [found, trimmed, t]);

  useEffect(() => {
    if (trimmed === null) setAnnouncement('');
    else if (found?.query !== trimmed) setAnnouncement(t('wikiLinks.searching'));
    else if (found.pages.length === 0) setAnnouncement(t('wikiLinks.none'));
    else {
      const form = new Intl.PluralRules(document.documentElement.lang || 'en').select(found.pages.length) === 'one' ? 'one' : 'other';
      setAnnouncement(t(`wikiLinks.results.${form}`, { count: found.pages.length }));
    }
  }, [found, trimmed, t]);

  const onSelectOption = useCallback(
    (option: WikiLinkOption, typed: TextNode | null, closeMenu: () => void) => {
      editor.update(() => {
        const link = $createLinkNode(option.pageId ? permalinkUrl(option.pageId) : wantedPageUrl(option.pageTitle));
        link.append($createTextNode(option.pageTitle));
        if (typed) typed.replace(link);
        else $insertNodes([link]);
        // The caret goes after the link, outside it, so what is typed next is not part of the link.
        const next = link.getNextSibling();
        if ($isTextNode(next) && /^\s/.test(next.getTextContent())) next.select(1, 1);
        else {
          const space = $createTextNode(' ');
          link.insertAfter(space);
          space.select(1, 1);
        }
      });
      closeMenu();
    },
    [editor],
  );

  return (
    <>
      <LexicalTypeaheadMenuPlugin<WikiLinkOption>
        triggerFn={matchWikiLink}
        onQueryChange={setQuery}
        onSelectOption={onSelectOption}
        options={options}
        anchorClassName="wikilink-anchor"
        menuRenderFn={(anchor, { selectedIndex, selectOptionAndCleanUp, setHighlightedIndex, options: shown }) =>
          anchor.current
            ? createPortal(
                <WikiLinkMenu
                  anchor={anchor}
                  label={t('wikiLinks.listLabel')}
                  options={shown}
                  selectedIndex={selectedIndex}
                  onChoose={(option, index) => {
                    setHighlightedIndex(index);
                    selectOptionAndCleanUp(option);
                  }}
                  onHighlight={setHighlightedIndex}
                />,
                anchor.current,
              )
            : null
        }
      />
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </>
  );
}

/**
 * The options, inside the element Lexical floats at the caret. Lexical makes that element the listbox (with an
 * English name) and names options typeahead-item-N in aria-activedescendant, so the options carry those ids and
 * the listbox gets its name in the page's language back whenever Lexical sets it again.
 */
function WikiLinkMenu(props: {
  anchor: RefObject<HTMLElement | null>;
  label: string;
  options: WikiLinkOption[];
  selectedIndex: number | null;
  onChoose: (option: WikiLinkOption, index: number) => void;
  onHighlight: (index: number) => void;
}) {
  const { anchor, label, options } = props;
  useEffect(() => {
    const listbox = anchor.current;
    if (!listbox) return;
    const name = () => {
      if (listbox.getAttribute('aria-label') !== label) listbox.setAttribute('aria-label', label);
      // A listbox with no options yet is busy, not broken.
      if (options.length === 0) listbox.setAttribute('aria-busy', 'true');
      else listbox.removeAttribute('aria-busy');
    };
    name();
    const observer = new MutationObserver(name);
    observer.observe(listbox, { attributes: true, attributeFilter: ['aria-label'] });
    return () => observer.disconnect();
  }, [anchor, label, options.length]);

  return (
    <div className="wikilink-menu">
      <ul className="typeahead__list" role="presentation">
        {options.map((option, i) => (
          <li
            key={option.key}
            id={`typeahead-item-${i}`}
            ref={option.setRefElement}
            role="option"
            aria-selected={props.selectedIndex === i}
            className={option.pageId ? 'typeahead__option' : 'typeahead__option typeahead__option--create'}
            // Keep the caret in the text: a click chooses without moving focus out of the editor.
            onMouseDown={(event) => event.preventDefault()}
            onMouseEnter={() => props.onHighlight(i)}
            onClick={() => props.onChoose(option, i)}
          >
            {option.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
