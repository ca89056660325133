-- Small key/value facts about this wiki, e.g. which first-start content has been created
-- (so a deleted welcome page does not come back on the next start).
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
