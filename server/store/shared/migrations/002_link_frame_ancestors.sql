-- SPEC V5: a public link may narrow which sites can frame it: a list of origins (e.g. https://portal.example.com);
-- an empty list means no site may frame it; NULL means the deployment's ATLAS_FRAME_ANCESTORS applies.
ALTER TABLE public_links ADD COLUMN frame_ancestors {string_list};
