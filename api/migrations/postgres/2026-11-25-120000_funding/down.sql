ALTER TABLE campaign_participants DROP COLUMN first_pledge_at;
DROP TABLE payments;
DROP TABLE pledges;
DROP TABLE funding_tiers;
DROP TABLE campaign_funding;
