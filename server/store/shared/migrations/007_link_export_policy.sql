-- Issue 16: what a link lets visitors download. export_mode is 'off' (the public export answers 403 export_disabled),
-- 'on' (the whole dashboard, as before: the default, so existing links keep working) or 'capped' (each sheet cut at
-- export_row_cap rows, with a note in the sheet); export_row_cap is set only for 'capped'.
ALTER TABLE public_links ADD COLUMN export_mode {text} NOT NULL DEFAULT 'on' CHECK (export_mode IN ('off', 'on', 'capped'));
ALTER TABLE public_links ADD COLUMN export_row_cap {integer} CHECK (export_row_cap IS NULL OR export_row_cap > 0);
-- The usage chart counts a link's rows per day over 30 days: (link_id, at) is already indexed (001).
