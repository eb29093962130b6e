-- SPEC V5: a public link may narrow which sites can frame it. An array of origins (e.g. {https://portal.example.com});
-- an empty array means no site may frame it; NULL means the deployment's ATLAS_FRAME_ANCESTORS applies.
ALTER TABLE public_links ADD COLUMN frame_ancestors text[];
