// Which parts of a suggested title to emphasise for what was typed. The server matches analyzed terms (stems,
// accents folded), so this is an approximation on the same footing: accents and case never matter, a title
// word starting with a typed word has that start marked, and a word sharing a long start with one (a stem:
// "budgets" typed, "Budget" in the title) has the shared part marked.

export interface Segment {
  text: string;
  mark: boolean;
}

// As in shared/search/analyze.ts: letters and digits with their combining marks, joined by apostrophes.
const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’ʼ][\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*/gu;
/** Shared starts shorter than this are chance ("pro" in "project" and "protected"), unless the whole typed word. */
const MIN_STEM = 5;
/** A whole title word that starts a typed word ("tax" for "taxes") is marked from this length. */
const MIN_WHOLE_WORD = 3;

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Length of the start of `word` (original characters) whose folded form is `foldedLength` long. */
function originalLength(word: string, foldedLength: number): number {
  let folded = 0;
  let i = 0;
  for (const char of word) {
    if (folded >= foldedLength) break;
    folded += fold(char).length;
    i += char.length;
  }
  return i;
}

function commonStart(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** The title cut into plain and marked runs, in order; joined, they are the title. */
export function highlightTitle(title: string, query: string): Segment[] {
  const typed = [...new Set((query.match(WORD_RE) ?? []).map(fold))];
  const segments: Segment[] = [];
  let at = 0;
  const push = (text: string, mark: boolean) => {
    if (!text) return;
    const last = segments[segments.length - 1];
    if (last && last.mark === mark) last.text += text;
    else segments.push({ text, mark });
  };
  for (const match of title.matchAll(WORD_RE)) {
    const word = match[0];
    const start = match.index ?? 0;
    const folded = fold(word);
    let best = 0;
    for (const q of typed) {
      const shared = commonStart(folded, q);
      const stem = shared >= MIN_STEM || (shared === folded.length && shared >= MIN_WHOLE_WORD);
      if (shared > 0 && (shared === q.length || stem)) best = Math.max(best, shared);
    }
    if (best === 0) continue;
    const marked = originalLength(word, best);
    push(title.slice(at, start), false);
    push(word.slice(0, marked), true);
    at = start + marked;
  }
  push(title.slice(at), false);
  return segments;
}
