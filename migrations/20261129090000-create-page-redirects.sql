-- Old addresses of renamed pages (C7: "Renames leave redirects"). Each row points straight at the page id, never at
-- another slug, so a chain of renames A → B → C resolves in one hop: A and B both name the page, whose slug is C.
-- A slug key is either a page's current address (pages.slug_key) or an old one (here), never both: taking an old
-- address for a page deletes its row in the same transaction. Deleting the page deletes its old addresses.
CREATE TABLE page_redirects (
  slug_key   TEXT PRIMARY KEY,
  slug       TEXT NOT NULL,
  page_id    TEXT NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL
) STRICT;

CREATE INDEX page_redirects_page ON page_redirects (page_id);
