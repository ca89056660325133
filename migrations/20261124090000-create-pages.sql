-- Pages and their Yjs update logs.
-- A page's content is the Y.Doc obtained by applying all of its page_updates rows (order does not matter
-- to Yjs). html/text are derived: rendered from that doc after edits settle, and re-rendered on boot when
-- rendered_version < version (the process died between an edit and its render).

CREATE TABLE pages (
  id               TEXT PRIMARY KEY,
  slug             TEXT NOT NULL,
  -- Case-folded slug: /wiki/plan-a and /wiki/Plan-A are the same page.
  slug_key         TEXT NOT NULL UNIQUE,
  title            TEXT NOT NULL,
  lang             TEXT NOT NULL DEFAULT 'en',
  html             TEXT NOT NULL DEFAULT '',
  text             TEXT NOT NULL DEFAULT '',
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  -- Bumped by every committed batch of updates; rendered_version is the version html/text reflect.
  version          INTEGER NOT NULL DEFAULT 0,
  rendered_version INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX pages_updated_at ON pages (updated_at DESC, id);
CREATE INDEX pages_needing_render ON pages (id) WHERE rendered_version < version;

-- Append-only log of Yjs updates (v1 encoding). Compaction replaces a prefix of a page's rows with one
-- row holding the merged state, in one transaction.
CREATE TABLE page_updates (
  id         INTEGER PRIMARY KEY,
  page_id    TEXT NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
  data       BLOB NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE INDEX page_updates_by_page ON page_updates (page_id, id);
