-- Full-text search over pages (FTS5). The index holds ANALYZED terms: the application stems, drops stop
-- words and folds accents per page language (shared/search/analyze.ts) and writes the terms joined by spaces,
-- so unicode61 only has to split on spaces. It is contentless (the terms are not stored twice; snippets are
-- cut from pages.text), with deletes by rowid.
--
-- rowid = the page's rowid in pages. page_search_rows repeats which page a row was written for, because
-- VACUUM may renumber the rowids of a table without an INTEGER PRIMARY KEY: queries join on both, so a
-- renumbered row is never attributed to the wrong page, and the server re-indexes any page whose row does
-- not match on start. (Reading an id from the FTS table itself cost 1 ms per 1,000 matches; this narrow
-- table and the covering index below keep the permission join cheap.)
--
-- Rows are written by the application (analysis needs JavaScript) in the same transaction that stores a
-- page's rendering; existing pages are indexed in the background when the server starts.
CREATE VIRTUAL TABLE page_search USING fts5(
  title,
  headings,
  body,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0',
  -- Prefix indexes make search-as-you-type ("gouv"*) cheap.
  prefix = '2 3 4'
);

CREATE TABLE page_search_rows (
  rowid   INTEGER PRIMARY KEY,
  page_id TEXT NOT NULL
) STRICT;

-- The permission and language filters read pages through this index alone (the table rows hold html/text).
CREATE INDEX pages_search_keys ON pages (id, space_id, lang);

-- Deleting a page deletes its index rows in the same transaction, whatever path deletes it.
CREATE TRIGGER pages_search_delete AFTER DELETE ON pages BEGIN
  DELETE FROM page_search WHERE rowid = old.rowid AND EXISTS
    (SELECT 1 FROM page_search_rows r WHERE r.rowid = old.rowid AND r.page_id = old.id);
  DELETE FROM page_search_rows WHERE rowid = old.rowid AND page_id = old.id;
END;
