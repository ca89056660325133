// Reads a page's full state from its stored update log. Applying the rows to one Y.Doc in one transaction
// is far faster than Y.mergeUpdates on a long log.
import * as Y from 'yjs';
import type { UpdateLogRepo } from './updateLog.repo.js';

export function loadStoredState(updateLog: UpdateLogRepo, pageId: string): Uint8Array {
  return stateFromUpdates(updateLog.load(pageId).updates);
}

/** One state holding every given update (a page's log, or its log up to a revision boundary). */
export function stateFromUpdates(updates: Uint8Array[]): Uint8Array {
  if (updates.length === 1) return updates[0];
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
