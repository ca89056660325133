-- Accounts, groups, spaces, sessions, API tokens and the audit log.
-- Users are never deleted (the audit log and page attributions keep pointing at them); they are disabled.
-- Secrets are stored only as SHA-256 hashes of high-entropy random values (sessions, tokens) or as
-- scrypt hashes (passwords).

CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL,
  -- Lower-cased username: "Alice" and "alice" are the same account.
  username_key  TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  email         TEXT,
  role          TEXT NOT NULL CHECK (role IN ('reader', 'editor', 'admin')),
  -- NULL for accounts that sign in through the proxy header or OpenID Connect.
  password_hash TEXT,
  oidc_issuer   TEXT,
  oidc_subject  TEXT,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  UNIQUE (oidc_issuer, oidc_subject)
) STRICT;

CREATE TABLE groups (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  name_key    TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE group_members (
  group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, user_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX group_members_by_user ON group_members (user_id, group_id);

CREATE TABLE spaces (
  id             TEXT PRIMARY KEY,
  slug           TEXT NOT NULL,
  slug_key       TEXT NOT NULL UNIQUE,
  name           TEXT NOT NULL,
  description    TEXT NOT NULL DEFAULT '',
  classification TEXT NOT NULL CHECK (classification IN ('unclassified', 'protected-a', 'protected-b')),
  -- open: everyone may read (anonymous visitors only if the space is unclassified and anonymous reading
  -- is on), signed-in editors may write. restricted: only members of granted groups, and admins.
  access         TEXT NOT NULL CHECK (access IN ('open', 'restricted')),
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
) STRICT;

-- In a restricted space, what each granted group may do.
CREATE TABLE space_grants (
  space_id TEXT NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
  group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  role     TEXT NOT NULL CHECK (role IN ('reader', 'editor')),
  PRIMARY KEY (space_id, group_id)
) STRICT, WITHOUT ROWID;

INSERT INTO spaces (id, slug, slug_key, name, description, classification, access, created_at, updated_at)
VALUES ('main', 'Main', 'main', 'Main', '', 'unclassified', 'open', unixepoch() * 1000, unixepoch() * 1000);

-- Pages created before spaces existed live in Main. (No REFERENCES: SQLite cannot add a foreign key
-- column with a non-NULL default; the application keeps it valid and spaces holding pages are not deleted.)
ALTER TABLE pages ADD COLUMN space_id TEXT NOT NULL DEFAULT 'main';
ALTER TABLE pages ADD COLUMN created_by TEXT;
CREATE INDEX pages_by_space ON pages (space_id, updated_at DESC, id);

CREATE TABLE sessions (
  -- SHA-256 of the cookie value; the cookie itself is never stored.
  id_hash      TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
) STRICT;

CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  scope        TEXT NOT NULL CHECK (scope IN ('read', 'write')),
  -- SHA-256 of the secret; the secret is shown once, at creation.
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at   INTEGER
) STRICT;

CREATE INDEX api_tokens_by_user ON api_tokens (user_id, created_at DESC);

CREATE TABLE audit_events (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  -- NULL for anonymous actors (a failed sign-in) and for the command line.
  actor_id    TEXT,
  actor_name  TEXT NOT NULL,
  action      TEXT NOT NULL,
  target_type TEXT,
  target_id   TEXT,
  -- JSON object with the facts of the event; never a secret.
  details     TEXT NOT NULL DEFAULT '{}',
  ip          TEXT
) STRICT;

CREATE INDEX audit_events_by_time ON audit_events (id DESC);

-- Who wrote in which page: one row per account and page, updated by every committed edit.
CREATE TABLE page_contributors (
  page_id  TEXT NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
  user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  first_at INTEGER NOT NULL,
  last_at  INTEGER NOT NULL,
  edits    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (page_id, user_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX page_contributors_by_user ON page_contributors (user_id, last_at DESC);
