// What one revision's worth of work looks like, applied to a headless Lexical editor bound to a stock
// y-websocket client: sentences typed word by word (one Lexical update per word, as a browser sends a burst
// of keystrokes), now and then a word fixed in an earlier paragraph, a sentence deleted, or a heading added.
// Blocks are addressed by index: only this client edits the page, so indexes are stable within a revision.
import { $createHeadingNode, $isHeadingNode } from '@lexical/rich-text';
import { $createParagraphNode, $createTextNode, $getRoot, $isElementNode, $isTextNode, type ElementNode, type LexicalEditor } from 'lexical';
import { heading, Prng, REPLACEMENT_WORDS, sentence } from './prose.js';

/** A paragraph longer than this gets no more sentences at its end: a new one is started. */
const LONG_PARAGRAPH = 700;

export interface RevisionWork {
  /** Lexical updates made (each one is one Yjs update sent to the server). */
  updates: number;
  inserted: number;
  deleted: number;
  /** Places edited: typing, plus a word fixed and a sentence deleted elsewhere. */
  places: number;
}

interface Block {
  index: number;
  text: string;
  heading: boolean;
}

function blocks(editor: LexicalEditor): Block[] {
  return editor.read(() =>
    $getRoot()
      .getChildren()
      .map((node, index) => ({ index, text: node.getTextContent(), heading: $isHeadingNode(node) })),
  );
}

function blockAt(index: number): ElementNode {
  const node = $getRoot().getChildAtIndex(index);
  if (!$isElementNode(node)) throw new Error(`block ${index} is not an element`);
  return node;
}

/** Replaces `deleteCount` characters at `offset` of a block's text by `insert`, in the text node holding it. */
function $spliceBlock(block: ElementNode, offset: number, deleteCount: number, insert: string): void {
  let start = 0;
  const texts = block.getChildren().filter($isTextNode);
  for (const [i, node] of texts.entries()) {
    const length = node.getTextContentSize();
    if (offset <= start + length && (offset < start + length || i === texts.length - 1)) {
      const local = offset - start;
      node.spliceText(local, Math.min(deleteCount, length - local), insert, false);
      return;
    }
    start += length;
  }
  if (texts.length === 0 && deleteCount === 0) {
    block.append($createTextNode(insert));
    return;
  }
  throw new Error(`offset ${offset} is outside the block (${start} characters)`);
}

/** [start, end) of each sentence in a paragraph's text, each with the space that follows it. */
function sentenceSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const pattern = /[^.]+\.\s?/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) spans.push([match.index, match.index + match[0].length]);
  return spans;
}

export class Typist {
  constructor(private readonly random: Prng) {}

  /** Does one revision's worth of work on the editor. */
  revision(editor: LexicalEditor): RevisionWork {
    const work: RevisionWork = { updates: 0, inserted: 0, deleted: 0, places: 1 };
    const { random } = this;
    const existing = blocks(editor);
    if (existing.length > 3 && random.chance(0.3)) this.fixWord(editor, work);
    if (existing.length === 0 || random.chance(0.06)) {
      this.typeBlock(editor, work, heading(random), 'heading', existing.length);
      this.typeBlock(editor, work, sentence(random), 'paragraph', existing.length + 1);
    } else {
      const sentences = random.chance(0.35) ? 2 : 1;
      const where = random.next();
      const last = existing[existing.length - 1];
      if (where < 0.5 && !last.heading && last.text.length < LONG_PARAGRAPH) {
        for (let i = 0; i < sentences; i++) this.typeInto(editor, work, last.index, blocks(editor)[last.index].text.length, sentence(random));
      } else if (where < 0.85) {
        const index = where < 0.75 ? existing.length : random.int(1, existing.length - 1);
        this.typeBlock(editor, work, sentence(random), 'paragraph', index);
        for (let i = 1; i < sentences; i++) this.typeInto(editor, work, index, blocks(editor)[index].text.length, sentence(random));
      } else {
        // A sentence added in the middle of an earlier paragraph, before one of its sentences.
        const paragraphs = existing.filter((b) => !b.heading && b.text.length > 0);
        const target = random.pick(paragraphs);
        const spans = sentenceSpans(target.text);
        const at = spans.length > 0 ? random.pick(spans)[0] : 0;
        this.typeInto(editor, work, target.index, at, `${sentence(random)} `);
      }
    }
    if (random.chance(0.2)) this.deleteSentence(editor, work);
    return work;
  }

  /** Types `text` word by word at `offset` of block `index` (a space is added before it at a paragraph's end). */
  private typeInto(editor: LexicalEditor, work: RevisionWork, index: number, offset: number, text: string): void {
    const blockText = blocks(editor)[index].text;
    const atEnd = offset === blockText.length && offset > 0;
    const words = (atEnd ? ` ${text}` : text).split(/(?=\s)/);
    let at = offset;
    for (const word of words) {
      editor.update(() => $spliceBlock(blockAt(index), at, 0, word), { discrete: true });
      at += word.length;
      work.updates++;
      work.inserted += word.length;
    }
  }

  /** Starts a new block at `index` with the first word, then types the rest into it. */
  private typeBlock(editor: LexicalEditor, work: RevisionWork, text: string, kind: 'heading' | 'paragraph', index: number): void {
    const [first, ...rest] = text.split(/(?=\s)/);
    editor.update(
      () => {
        const block = kind === 'heading' ? $createHeadingNode('h2') : $createParagraphNode();
        block.append($createTextNode(first));
        const root = $getRoot();
        const before = root.getChildAtIndex(index);
        if (before) before.insertBefore(block);
        else root.append(block);
      },
      { discrete: true },
    );
    work.updates++;
    work.inserted += first.length;
    let at = first.length;
    for (const word of rest) {
      editor.update(() => $spliceBlock(blockAt(index), at, 0, word), { discrete: true });
      at += word.length;
      work.updates++;
      work.inserted += word.length;
    }
  }

  /** Replaces one word of an earlier block (not the last one, which is being written) by another. */
  private fixWord(editor: LexicalEditor, work: RevisionWork): void {
    const candidates = blocks(editor).slice(0, -1).filter((b) => /\b[a-z]{4,}\b/.test(b.text));
    if (candidates.length === 0) return;
    const target = this.random.pick(candidates);
    const words = [...target.text.matchAll(/\b[a-z]{4,}\b/g)];
    const word = this.random.pick(words);
    const replacement = this.random.pick(REPLACEMENT_WORDS);
    editor.update(() => $spliceBlock(blockAt(target.index), word.index!, word[0].length, replacement), { discrete: true });
    work.updates++;
    work.places++;
    work.inserted += replacement.length;
    work.deleted += word[0].length;
  }

  /** Deletes one sentence of a paragraph that has at least two. */
  private deleteSentence(editor: LexicalEditor, work: RevisionWork): void {
    const candidates = blocks(editor).filter((b) => !b.heading && sentenceSpans(b.text).length >= 2);
    if (candidates.length === 0) return;
    const target = this.random.pick(candidates);
    const spans = sentenceSpans(target.text);
    let [start, end] = this.random.pick(spans);
    // The last sentence takes the space before it with it, so no trailing space is left behind.
    if (end === target.text.length && target.text[start - 1] === ' ') start -= 1;
    editor.update(() => $spliceBlock(blockAt(target.index), start, end - start, ''), { discrete: true });
    work.updates++;
    work.places++;
    work.deleted += end - start;
  }
}
