DROP TABLE segment_publications;
DROP TABLE participation_grants;
DROP TABLE invitations;
