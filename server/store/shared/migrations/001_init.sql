-- Atlas Sharing: initial schema, one model for both stores (rendered per dialect by ../migrations.ts).
-- Times are ISO-8601 UTC text in SQLite, timestamptz in PostgreSQL; JSON columns hold validated JSON (jsonb there);
-- flags are 0/1 or boolean.
CREATE TABLE organizations (
  id   {key} PRIMARY KEY,
  name {text} NOT NULL
);

CREATE TABLE projects (
  id     {key} PRIMARY KEY,
  org_id {text} NOT NULL REFERENCES organizations(id),
  name   {key} NOT NULL
);
CREATE INDEX projects_org ON projects(org_id);

CREATE TABLE users (
  id         {user_id},
  org_id     {text} NOT NULL REFERENCES organizations(id),
  username   {key} NOT NULL,
  name       {text} NOT NULL,
  email      {key} NOT NULL,
  created_at {time} NOT NULL,
  updated_at {time} NOT NULL,
  UNIQUE (org_id, username)
);
-- Case-insensitive prefix search on username and email within one organization: NOCASE in SQLite; in PostgreSQL
-- lower() with text_pattern_ops, which serves LIKE 'x%'.
--sqlite: CREATE INDEX users_org_username ON users(org_id, username COLLATE NOCASE);
--sqlite: CREATE INDEX users_org_email ON users(org_id, email COLLATE NOCASE);
--postgres: CREATE INDEX users_org_username_lower ON users(org_id, lower(username) text_pattern_ops);
--postgres: CREATE INDEX users_org_email_lower ON users(org_id, lower(email) text_pattern_ops);

CREATE TABLE memberships (
  user_id    {integer} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  project_id {text} NOT NULL REFERENCES projects(id),
  role       {text} NOT NULL CHECK (role IN ('owner', 'member', 'viewer')),
  PRIMARY KEY (user_id, project_id)
);
CREATE INDEX memberships_project ON memberships(project_id);

CREATE TABLE data_sources (
  id              {key} PRIMARY KEY,
  project_id      {text} NOT NULL REFERENCES projects(id),
  name            {key} NOT NULL,
  table_name      {text} NOT NULL UNIQUE,
  fields          {json} NOT NULL,   -- [{ name, type, label }]
  readable_by     {json} NOT NULL,   -- [project role]
  external_access {flag} NOT NULL DEFAULT {false}
);
--postgres: CREATE INDEX data_sources_project ON data_sources(project_id);

CREATE TABLE dashboards (
  id                  {key} PRIMARY KEY,
  org_id              {text} NOT NULL REFERENCES organizations(id),
  project_id          {text} NOT NULL REFERENCES projects(id),
  owner_id            {integer} NOT NULL REFERENCES users(id),
  title               {text} NOT NULL,
  description         {text} NOT NULL DEFAULT '',
  filters             {json} NOT NULL DEFAULT '[]',
  refresh_interval    {integer} NOT NULL DEFAULT 300,
  project_access_role {text} CHECK (project_access_role IN ('viewer', 'author', 'owner')),
  org_access          {flag} NOT NULL DEFAULT {false},
  created_at          {time} NOT NULL,
  updated_at          {time} NOT NULL
);
CREATE INDEX dashboards_owner ON dashboards(owner_id);
CREATE INDEX dashboards_project ON dashboards(project_id);
CREATE INDEX dashboards_org ON dashboards(org_id, org_access);

CREATE TABLE widgets (
  id             {key} NOT NULL,
  dashboard_id   {text} NOT NULL REFERENCES dashboards(id) ON DELETE CASCADE,
  -- Insertion order: SQLite lists widgets by rowid; PostgreSQL has no stable physical order.
--postgres:   seq            bigint GENERATED ALWAYS AS IDENTITY,
  title          {text} NOT NULL,
  type           {text} NOT NULL CHECK (type IN ('kpi', 'table', 'line', 'bar', 'pie')),
  data_source_id {text} NOT NULL REFERENCES data_sources(id),
  query          {json} NOT NULL,
  position       {json} NOT NULL,
  PRIMARY KEY (dashboard_id, id)
);

CREATE TABLE shares (
  dashboard_id {text} NOT NULL REFERENCES dashboards(id) ON DELETE CASCADE,
  user_id      {integer} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role         {text} NOT NULL CHECK (role IN ('viewer', 'author', 'owner')),
  created_at   {time} NOT NULL,
  PRIMARY KEY (dashboard_id, user_id)
);
CREATE INDEX shares_user ON shares(user_id);

CREATE TABLE public_links (
  id               {key} PRIMARY KEY,
  dashboard_id     {text} NOT NULL REFERENCES dashboards(id) ON DELETE CASCADE,
  label            {text} NOT NULL DEFAULT '',
  token_hash       {text} NOT NULL UNIQUE,
  token_sealed     {text} NOT NULL,
  created_at       {time} NOT NULL,
  created_by       {integer} NOT NULL REFERENCES users(id),
  revoked_at       {time},
  passcode_enabled {flag} NOT NULL DEFAULT {false},
  passcode_sealed  {text},
  passcode_version {integer} NOT NULL DEFAULT 0,
  locked_filters   {json} NOT NULL DEFAULT '{}',
  access_count     {bigint} NOT NULL DEFAULT 0,
  last_access_at   {time}
);
CREATE INDEX public_links_dashboard ON public_links(dashboard_id);

-- No foreign keys: the audit trail outlives deleted links and dashboards.
CREATE TABLE audit_events (
  id             {event_id},
  link_id        {text},
  dashboard_id   {text},
  at             {time} NOT NULL,
  client_address {text} NOT NULL,
  user_agent     {text} NOT NULL,
  route          {text} NOT NULL,
  outcome        {text} NOT NULL
);
CREATE INDEX audit_events_link ON audit_events(link_id, at);

-- Passcode guessing limits (SPEC L6): rows, not process memory, so every server process counts the same failures.
CREATE TABLE rate_limit_failures (
  key {text} NOT NULL,
  at  {time} NOT NULL
);
CREATE INDEX rate_limit_failures_key ON rate_limit_failures(key, at);
--postgres: CREATE INDEX rate_limit_failures_at ON rate_limit_failures(at);
