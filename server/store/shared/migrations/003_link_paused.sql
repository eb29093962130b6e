-- Issue 16: an owner may pause a link and resume it later. While paused_at is set, viewers get the 403 of a revoked
-- link; the token, settings and history stay, and resuming (paused_at back to NULL) makes the same token work again.
ALTER TABLE public_links ADD COLUMN paused_at {time};
