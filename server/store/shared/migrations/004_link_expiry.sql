-- Issue 16: a link may expire. After expires_at, viewers get the 403 of a revoked link (checked against the server's
-- clock on every request); NULL means it never expires. Extending it (a later time) makes the same token work again.
ALTER TABLE public_links ADD COLUMN expires_at {time};
