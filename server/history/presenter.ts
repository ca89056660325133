// Chooses exactly which revision fields leave the server, with timestamps as ISO strings like the pages API.
import type { RevisionDetail as RevisionDetailModel, RevisionDiff as RevisionDiffModel, RevisionSummary as RevisionSummaryModel } from './types.js';
import type { RevisionDetail, RevisionSummary } from './schema.js';

const iso = (ms: number) => new Date(ms).toISOString();

export function presentRevision(revision: RevisionSummaryModel): RevisionSummary {
  return {
    number: revision.number,
    createdAt: iso(revision.createdAt),
    trigger: revision.trigger,
    name: revision.name,
    summary: revision.summary,
    namedBy: revision.namedBy ? { userId: revision.namedBy.userId, displayName: revision.namedBy.displayName } : null,
    namedAt: revision.namedAt === null ? null : iso(revision.namedAt),
    restoredFrom: revision.restoredFrom,
    authors: revision.authors.map((a) => ({
      userId: a.userId,
      username: a.username,
      displayName: a.displayName,
      inserted: a.inserted,
      deleted: a.deleted,
    })),
  };
}

export function presentRevisionDetail(revision: RevisionDetailModel): RevisionDetail {
  return { ...presentRevision(revision), title: revision.title, html: revision.html, text: revision.text };
}

export function presentDiff(diff: RevisionDiffModel) {
  return {
    from: presentRevision(diff.from),
    to: presentRevision(diff.to),
    title: diff.title,
    blocks: diff.blocks,
    insertedWords: diff.insertedWords,
    deletedWords: diff.deletedWords,
  };
}
