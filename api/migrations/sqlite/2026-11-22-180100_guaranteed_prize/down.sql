ALTER TABLE campaigns DROP COLUMN guaranteed_prize;
