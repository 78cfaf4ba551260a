-- The access export of one project reads its granted paths in id order, a batch at a time.
CREATE INDEX ix_grant_project_id ON access_grant (project_id, state, id);
