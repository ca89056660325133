-- Page history. A revision is a boundary in the page's Yjs update log: its exact state is every
-- page_updates row of the page with id <= boundary. Compaction only merges rows inside one revision's
-- segment, so history costs what the edits cost, not one copy of the page per revision.

CREATE TABLE page_revisions (
  id            INTEGER PRIMARY KEY,
  page_id       TEXT NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
  -- 1, 2, 3… per page: what URLs and the API name.
  number        INTEGER NOT NULL,
  boundary      INTEGER NOT NULL,
  -- pages.version when the revision was cut; pages.revised_version says which changes are in a revision.
  version       INTEGER NOT NULL,
  created_at    INTEGER NOT NULL,
  trigger       TEXT NOT NULL CHECK (trigger IN ('created', 'quiet', 'left', 'interval', 'saved', 'restored', 'recovered', 'checkpoint')),
  name          TEXT,
  summary       TEXT,
  named_by      TEXT REFERENCES users (id),
  named_at      INTEGER,
  restored_from INTEGER,
  -- The rendering of this exact state, filled in after the cut (NULL until then). html and text are either
  -- full copies (deflated) or deltas from the previous revision's (server/history/textDelta.ts).
  title         TEXT,
  html          BLOB,
  text          BLOB,
  -- 0 for full copies; otherwise how many deltas lead back to the last full copy, and their total bytes.
  chain_length  INTEGER NOT NULL DEFAULT 0,
  chain_bytes   INTEGER NOT NULL DEFAULT 0,
  UNIQUE (page_id, number)
) STRICT;

CREATE INDEX page_revisions_named ON page_revisions (page_id, number) WHERE name IS NOT NULL;
CREATE INDEX page_revisions_unrendered ON page_revisions (page_id, number) WHERE html IS NULL;

-- Who changed what in each revision. revision = 0 holds the changes not cut into a revision yet; they are
-- written in the same transaction as the updates themselves, so a crash loses no attribution.
CREATE TABLE revision_authors (
  page_id  TEXT NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
  revision INTEGER NOT NULL,
  user_id  TEXT NOT NULL REFERENCES users (id),
  -- Yjs items inserted and deleted: characters, plus formatting marks and new blocks.
  inserted INTEGER NOT NULL DEFAULT 0,
  deleted  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (page_id, revision, user_id)
) STRICT, WITHOUT ROWID;

-- Which account wrote with each Yjs client id (every browser tab has its own). Every Yjs item carries its
-- client id, so this maps every character of a page to the account that typed it.
CREATE TABLE page_clients (
  page_id   TEXT NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
  client_id INTEGER NOT NULL,
  user_id   TEXT NOT NULL REFERENCES users (id),
  first_at  INTEGER NOT NULL,
  PRIMARY KEY (page_id, client_id)
) STRICT, WITHOUT ROWID;

ALTER TABLE pages ADD COLUMN revised_version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX pages_needing_revision ON pages (id) WHERE revised_version < version;

-- Pages that exist already start their history with one revision of their current state, credited to the
-- people recorded as having written in them.
INSERT INTO page_revisions (page_id, number, boundary, version, created_at, trigger)
SELECT p.id, 1, (SELECT coalesce(max(u.id), 0) FROM page_updates u WHERE u.page_id = p.id), p.version, p.updated_at, 'recovered'
FROM pages p;
INSERT INTO revision_authors (page_id, revision, user_id) SELECT page_id, 1, user_id FROM page_contributors;
UPDATE pages SET revised_version = version;
