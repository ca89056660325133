-- Search within its latency target at 100,000 pages (measured by bench/search.ts).
--
-- 1. Filters without reading pages. The permission (space) and language filters joined every match to its
--    pages row, and space_id and lang sit at the end of rows that hold a page's HTML and text, so SQLite
--    walked each match's overflow pages to reach them: at 100,000 pages a term found in every page took
--    400 ms. page_search_rows now carries each row's space beside its page id, so matching, the permission
--    filter and counting read one narrow table; pages is read only for the results shown.
--
-- 2. Asked-for filters inside the index. A search in one space or one language used to read every match of
--    its terms to keep the few in that space or language (a word in every page, Dutch only: 100 ms). The
--    column `filters` holds one term for the page's space ("s" + space id) and one for its language
--    ("l" + lang), and the service ANDs the asked-for ones into the MATCH expression, so FTS5 skips through
--    its lists instead. bm25 gives this column a weight of 0.
--
-- 3. Titles and headings in a table of their own. bm25 reads the whole list of every query term to weigh it,
--    so ranking costs at least the length of the longest list: 100,000 entries for a word in every page.
--    When a query matches more pages than are ranked in full (search.service.ts), the pages that match in
--    their title or headings are found and ranked in page_search_heads, where a word's list holds only the
--    pages whose title or headings use it. Typeahead reads titles there too.
--
-- Both tables are contentless like before (snippets are cut from pages.text) with rowid = the page's rowid,
-- checked through page_search_rows (see 20261127090000-create-search.sql). Every page must be analyzed again,
-- which only the application can do: the index is recreated empty here and the server rebuilds it in the
-- background when it starts, as on first start (search answers meanwhile, from the pages indexed so far).
-- `npm run wiki -- reindex` does the same with a progress bar.
DROP TRIGGER pages_search_delete;
DROP TABLE page_search;
DROP TABLE page_search_rows;
-- Only search read pages through this index.
DROP INDEX pages_search_keys;

CREATE VIRTUAL TABLE page_search USING fts5(
  title,
  headings,
  body,
  filters,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0',
  -- Prefix indexes make search-as-you-type ("gouv"*) cheap.
  prefix = '2 3 4'
);

CREATE VIRTUAL TABLE page_search_heads USING fts5(
  title,
  headings,
  filters,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0',
  prefix = '2 3 4'
);

CREATE TABLE page_search_rows (
  rowid    INTEGER PRIMARY KEY,
  page_id  TEXT NOT NULL,
  space_id TEXT NOT NULL
) STRICT;

-- Deleting a page deletes its index rows in the same transaction, whatever path deletes it.
CREATE TRIGGER pages_search_delete AFTER DELETE ON pages
WHEN EXISTS (SELECT 1 FROM page_search_rows r WHERE r.rowid = old.rowid AND r.page_id = old.id) BEGIN
  DELETE FROM page_search WHERE rowid = old.rowid;
  DELETE FROM page_search_heads WHERE rowid = old.rowid;
  DELETE FROM page_search_rows WHERE rowid = old.rowid;
END;

-- Whatever moves a page to another space (nothing does yet), the permission filter follows in the same
-- statement. Its `filters` terms are only right again once the page is re-indexed, which whatever moves
-- pages must do, as for any change to what a page was analyzed from: until then a search asking for the
-- page's new space may miss it, but no search shows it to someone who may not read the space.
CREATE TRIGGER pages_search_space_update AFTER UPDATE OF space_id ON pages BEGIN
  UPDATE page_search_rows SET space_id = new.space_id WHERE rowid = new.rowid AND page_id = new.id;
END;
