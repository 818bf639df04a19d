ALTER TABLE media DROP COLUMN variant_widths;
