DROP TABLE vote_invalidations;
DROP TABLE contribution_scores;
DROP TABLE vote_deltas;
DROP TABLE votes;
