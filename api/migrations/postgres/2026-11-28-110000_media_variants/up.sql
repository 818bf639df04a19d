-- The widths of the smaller copies made of an upload for galleries and phones (comma-separated,
-- e.g. '480,960'); NULL or empty when none were made (a small image, or one too large to decode).
ALTER TABLE media ADD COLUMN variant_widths TEXT;
