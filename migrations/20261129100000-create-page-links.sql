-- What links where (C7: "What links here" and red links). Rows are derived from each page's stored rendering and
-- replaced, for the source page, in the same transaction that stores it, so they are never out of step with it.
-- A link names its target either by id (a permanent link /p/<id>, or /wiki/<slug> resolved when indexed) or, for
-- a page that does not exist yet (/pages/new?title=…, or an address nobody has taken), by the slug key its title
-- would get: such a row belongs to whichever page later takes that address, so creating a wanted page needs no
-- rewrite. target_id has no foreign key on purpose: a link to a deleted page stays, and shows as a red link.
CREATE TABLE page_links (
  source_id        TEXT NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
  target_id        TEXT,
  target_title_key TEXT,
  CHECK ((target_id IS NULL) <> (target_title_key IS NULL))
) STRICT;

CREATE UNIQUE INDEX page_links_to_id ON page_links (target_id, source_id) WHERE target_id IS NOT NULL;
CREATE UNIQUE INDEX page_links_to_title ON page_links (target_title_key, source_id) WHERE target_title_key IS NOT NULL;
CREATE INDEX page_links_from ON page_links (source_id);

-- Pages stored before this table existed have no rows: have the renderer store them again once (the boot
-- catch-up re-renders pages whose rendering is behind). Only renderings holding a same-site link can have rows.
UPDATE pages SET rendered_version = version - 1
WHERE instr(html, 'href="/p/') > 0 OR instr(html, 'href="/wiki/') > 0 OR instr(html, 'href="/pages/new?') > 0;
