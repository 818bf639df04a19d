DROP TABLE campaign_prize_tiers;
DROP TABLE campaigns;
