-- Issue 16: a link may show only some widgets (widget_ids, a list of widget ids; NULL: all of them, also those added
-- later). The exposure guard flags a link when its dashboard starts exposing more than when it was shared:
-- exposure_changes lists what changed ([] when nothing; the owner's confirm empties it), and pause_on_change makes the
-- server pause the link instead of only flagging it.
ALTER TABLE public_links ADD COLUMN widget_ids {string_list};
ALTER TABLE public_links ADD COLUMN pause_on_change {flag} NOT NULL DEFAULT {false};
ALTER TABLE public_links ADD COLUMN exposure_changes {json} NOT NULL DEFAULT '[]';
