-- If the brand cancels after submissions opened, the prize pool goes to everyone who took part.
ALTER TABLE campaigns ADD COLUMN guaranteed_prize BOOLEAN NOT NULL DEFAULT FALSE;
