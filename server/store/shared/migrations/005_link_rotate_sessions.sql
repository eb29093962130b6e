-- Issue 16 (rotate in place): a link may get a new token while keeping its id, settings and history. The token it
-- had before is kept by its lookup hash (never in clear, like token_hash) with the moment it stops working: during a
-- grace period both open the link; after it the old token answers like a revoked link and the audit says 'rotated'.
-- Only the one previous token is kept: rotating again forgets the one before it.
ALTER TABLE public_links ADD COLUMN previous_token_hash {text};
ALTER TABLE public_links ADD COLUMN previous_token_until {time};
CREATE UNIQUE INDEX public_links_previous_token ON public_links(previous_token_hash);

-- Issue 18 item 4 / issue 16 (sessions): every passcode entry opens a session of its own, found by its random id (the
-- JWT's jti; the signed session value itself is never stored), so the owner can list and end one without changing
-- the passcode. The client address is kept only as a keyed hash.
CREATE TABLE link_sessions (
  id               {key} PRIMARY KEY,
  link_id          {text} NOT NULL REFERENCES public_links(id) ON DELETE CASCADE,
  passcode_version {integer} NOT NULL,
  created_at       {time} NOT NULL,
  last_seen_at     {time} NOT NULL,
  expires_at       {time} NOT NULL,
  ended_at         {time},
  address_hash     {text} NOT NULL,
  agent_family     {text} NOT NULL
);
CREATE INDEX link_sessions_link ON link_sessions(link_id, created_at);

-- Which session (its id, not its value) a public request used; NULL where none did.
ALTER TABLE audit_events ADD COLUMN session_id {text};
