// Marks the links of a stored rendering as the reader should see them, when the page is served: a link to a
// page that does not exist (deleted, or wanted and not yet created) becomes a red link to the creation form,
// with a visually hidden note for screen readers; a wanted link whose page now exists leads to it. The stored
// HTML stays as the renderer made it. Edited with a real DOM (happy-dom), on already sanitized HTML: the only
// things added are a class, an address we build and escaped text.
import { Window, type Element } from 'happy-dom';
import { linkTargetOf, permalinkUrl, wantedPageUrl } from './linkTargets.js';

export const MISSING_LINK_CLASS = 'ens-link--missing';

export interface LinkFacts {
  /** Page ids linked to that no page has. */
  missingIds: ReadonlySet<string>;
  /** Wanted title keys whose page now exists and the reader may read: the page's id. */
  createdTitles: ReadonlyMap<string, string>;
  /** Text added, visually hidden, inside each red link: " (page does not exist — create it)". */
  missingNote: string;
}

/** One window for the process: parsing into a template needs no scripts, timers or network. */
let window: Window | null = null;

export function markLinks(html: string, facts: LinkFacts): string {
  window ??= new Window({ settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  const { document } = window;
  const template = document.createElement('template');
  template.innerHTML = html;
  for (const anchor of template.content.querySelectorAll('a[href]')) {
    const target = linkTargetOf(anchor.getAttribute('href') ?? '');
    if (!target) continue;
    if (target.kind === 'wanted') {
      const id = facts.createdTitles.get(target.titleKey);
      if (id) anchor.setAttribute('href', permalinkUrl(id));
      else markMissing(anchor, target.title);
    } else if (target.kind === 'id' && facts.missingIds.has(target.id)) {
      // Following it offers to create a page named like the link's text.
      markMissing(anchor, (anchor.textContent ?? '').replace(/\s+/g, ' ').trim());
    }
  }
  return template.innerHTML;

  function markMissing(anchor: Element, title: string) {
    if (title !== '') anchor.setAttribute('href', wantedPageUrl(title));
    anchor.classList.add(MISSING_LINK_CLASS);
    const note = document.createElement('span');
    note.className = 'visually-hidden';
    note.textContent = facts.missingNote;
    anchor.append(note);
  }
}
