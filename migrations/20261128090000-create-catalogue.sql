-- The Gov 2.0 catalogue. An entry is a page whose Y.Doc holds the map `entry`; this table keeps its validated
-- fields as the renderer last read them (JSON EntryFields) and the problems of values that failed validation
-- (JSON EntryProblem[]), written in the same transaction that stores the page's rendering, so the catalogue
-- is never out of step with the page. A page that stops being an entry loses its row; a deleted page too.
CREATE TABLE catalogue_entries (
  page_id    TEXT PRIMARY KEY REFERENCES pages (id) ON DELETE CASCADE,
  fields     TEXT NOT NULL,
  problems   TEXT NOT NULL DEFAULT '[]',
  updated_at INTEGER NOT NULL
) STRICT;

-- Where new entries go by default. Open and Unclassified: the catalogue is meant to be shared.
INSERT OR IGNORE INTO spaces (id, slug, slug_key, name, description, classification, access, created_at, updated_at)
VALUES ('catalogue', 'Catalogue', 'catalogue', 'Catalogue', '', 'unclassified', 'open', unixepoch() * 1000, unixepoch() * 1000);

-- Entries created before this table existed have no row: have the renderer read them again once (the boot
-- catch-up re-renders pages whose rendering is behind). Only pages whose updates mention an `entry` type can
-- be entries; the few that mention the word for another reason are merely re-rendered.
UPDATE pages SET rendered_version = version - 1
WHERE EXISTS (SELECT 1 FROM page_updates u WHERE u.page_id = pages.id AND instr(u.data, CAST('entry' AS BLOB)) > 0);
