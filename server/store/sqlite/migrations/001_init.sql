-- Atlas Sharing: initial schema. Times are ISO-8601 UTC strings; JSON columns hold validated JSON.
CREATE TABLE organizations (
  id   TEXT PRIMARY KEY,
  name TEXT NOT NULL
);

CREATE TABLE projects (
  id     TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  name   TEXT NOT NULL
);
CREATE INDEX projects_org ON projects(org_id);

CREATE TABLE users (
  id         INTEGER PRIMARY KEY,
  org_id     TEXT NOT NULL REFERENCES organizations(id),
  username   TEXT NOT NULL,
  name       TEXT NOT NULL,
  email      TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (org_id, username)
);
-- prefix search on username and email within one organization
CREATE INDEX users_org_username ON users(org_id, username COLLATE NOCASE);
CREATE INDEX users_org_email ON users(org_id, email COLLATE NOCASE);

CREATE TABLE memberships (
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  project_id TEXT NOT NULL REFERENCES projects(id),
  role       TEXT NOT NULL CHECK (role IN ('owner', 'member', 'viewer')),
  PRIMARY KEY (user_id, project_id)
);
CREATE INDEX memberships_project ON memberships(project_id);

CREATE TABLE data_sources (
  id              TEXT PRIMARY KEY,
  project_id      TEXT NOT NULL REFERENCES projects(id),
  name            TEXT NOT NULL,
  table_name      TEXT NOT NULL UNIQUE,
  fields          TEXT NOT NULL,   -- JSON [{ name, type, label }]
  readable_by     TEXT NOT NULL,   -- JSON [project role]
  external_access INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE dashboards (
  id                  TEXT PRIMARY KEY,
  org_id              TEXT NOT NULL REFERENCES organizations(id),
  project_id          TEXT NOT NULL REFERENCES projects(id),
  owner_id            INTEGER NOT NULL REFERENCES users(id),
  title               TEXT NOT NULL,
  description         TEXT NOT NULL DEFAULT '',
  filters             TEXT NOT NULL DEFAULT '[]',
  refresh_interval    INTEGER NOT NULL DEFAULT 300,
  project_access_role TEXT CHECK (project_access_role IN ('viewer', 'author', 'owner')),
  org_access          INTEGER NOT NULL DEFAULT 0,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
);
CREATE INDEX dashboards_owner ON dashboards(owner_id);
CREATE INDEX dashboards_project ON dashboards(project_id);
CREATE INDEX dashboards_org ON dashboards(org_id, org_access);

CREATE TABLE widgets (
  id             TEXT NOT NULL,
  dashboard_id   TEXT NOT NULL REFERENCES dashboards(id) ON DELETE CASCADE,
  title          TEXT NOT NULL,
  type           TEXT NOT NULL CHECK (type IN ('kpi', 'table', 'line', 'bar', 'pie')),
  data_source_id TEXT NOT NULL REFERENCES data_sources(id),
  query          TEXT NOT NULL,
  position       TEXT NOT NULL,
  PRIMARY KEY (dashboard_id, id)
);

CREATE TABLE shares (
  dashboard_id TEXT NOT NULL REFERENCES dashboards(id) ON DELETE CASCADE,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role         TEXT NOT NULL CHECK (role IN ('viewer', 'author', 'owner')),
  created_at   TEXT NOT NULL,
  PRIMARY KEY (dashboard_id, user_id)
);
CREATE INDEX shares_user ON shares(user_id);

CREATE TABLE public_links (
  id               TEXT PRIMARY KEY,
  dashboard_id     TEXT NOT NULL REFERENCES dashboards(id) ON DELETE CASCADE,
  label            TEXT NOT NULL DEFAULT '',
  token_hash       TEXT NOT NULL UNIQUE,
  token_sealed     TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  created_by       INTEGER NOT NULL REFERENCES users(id),
  revoked_at       TEXT,
  passcode_enabled INTEGER NOT NULL DEFAULT 0,
  passcode_sealed  TEXT,
  passcode_version INTEGER NOT NULL DEFAULT 0,
  locked_filters   TEXT NOT NULL DEFAULT '{}',
  access_count     INTEGER NOT NULL DEFAULT 0,
  last_access_at   TEXT
);
CREATE INDEX public_links_dashboard ON public_links(dashboard_id);

-- No foreign keys: the audit trail outlives deleted links and dashboards.
CREATE TABLE audit_events (
  id             INTEGER PRIMARY KEY,
  link_id        TEXT,
  dashboard_id   TEXT,
  at             TEXT NOT NULL,
  client_address TEXT NOT NULL,
  user_agent     TEXT NOT NULL,
  route          TEXT NOT NULL,
  outcome        TEXT NOT NULL
);
CREATE INDEX audit_events_link ON audit_events(link_id, at);

CREATE TABLE rate_limit_failures (
  key TEXT NOT NULL,
  at  TEXT NOT NULL
);
CREATE INDEX rate_limit_failures_key ON rate_limit_failures(key, at);
