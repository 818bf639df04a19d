DROP TABLE points_ledger;
