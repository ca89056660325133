// The title input's binding to Y.Text: minimal edits keep concurrent typing, remote edits keep the caret.
import * as Y from 'yjs';
import { minimalEdit, transformIndex, type DeltaOp } from './titleBinding.js';

function apply(text: string, edit: ReturnType<typeof minimalEdit>): string {
  if (!edit) return text;
  return text.slice(0, edit.index) + edit.insert + text.slice(edit.index + edit.deleteCount);
}

describe('minimalEdit', () => {
  it.each([
    ['Plan', 'Plan de travail'],
    ['Plan de travail', 'Plan'],
    ['Plan 2025', 'Plan 2026'],
    ['abc', 'xabcx'],
    ['aaa', 'aa'],
    ['', 'Titre'],
    ['Titre', ''],
    ['Été', 'Étés'],
  ])('turns %j into %j with one splice', (before, after) => {
    expect(apply(before, minimalEdit(before, after))).toBe(after);
  });

  it('returns null when nothing changed', () => {
    expect(minimalEdit('Same', 'Same')).toBeNull();
  });

  it('touches only the changed span, so a co-editor typing elsewhere in the title is kept', () => {
    const local = new Y.Doc();
    const remote = new Y.Doc();
    local.getText('title').insert(0, 'Budget plan');
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(local));

    remote.getText('title').insert(0, 'Draft: ');
    const edit = minimalEdit('Budget plan', 'Budget plan 2026')!;
    local.transact(() => {
      local.getText('title').delete(edit.index, edit.deleteCount);
      local.getText('title').insert(edit.index, edit.insert);
    });

    Y.applyUpdate(local, Y.encodeStateAsUpdate(remote));
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(local));
    expect(local.getText('title').toString()).toBe('Draft: Budget plan 2026');
    expect(remote.getText('title').toString()).toBe('Draft: Budget plan 2026');
  });
});

describe('transformIndex', () => {
  const caretAfter = (before: string, change: (t: Y.Text) => void, caret: number): number => {
    const doc = new Y.Doc();
    const text = doc.getText('title');
    text.insert(0, before);
    let delta: DeltaOp[] = [];
    text.observe((event) => {
      delta = event.delta as DeltaOp[];
    });
    change(text);
    return transformIndex(caret, delta);
  };

  it('shifts the caret right when text is inserted before it', () => {
    expect(caretAfter('Budget plan', (t) => t.insert(0, 'Draft: '), 6)).toBe(13);
  });

  it('leaves the caret alone when text is inserted after it', () => {
    expect(caretAfter('Budget plan', (t) => t.insert(11, ' 2026'), 6)).toBe(6);
  });

  it('keeps the caret before text a co-editor inserts exactly at it', () => {
    expect(caretAfter('Budget plan', (t) => t.insert(6, '!'), 6)).toBe(6);
  });

  it('pulls the caret back when text before it is deleted, and into a deleted span that held it', () => {
    expect(caretAfter('Draft: Budget plan', (t) => t.delete(0, 7), 13)).toBe(6);
    expect(caretAfter('Budget plan', (t) => t.delete(2, 6), 5)).toBe(2);
  });
});
