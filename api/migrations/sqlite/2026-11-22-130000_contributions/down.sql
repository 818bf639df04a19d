DROP TABLE contribution_authors;
DROP TABLE contributions;
