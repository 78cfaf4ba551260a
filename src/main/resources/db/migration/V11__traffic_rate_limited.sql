-- SCIM requests refused by the per-directory rate limit (429), per directory and hour; also
-- counted in requests and errors. Added to as increments by each node's traffic flush.
ALTER TABLE directory_traffic ADD COLUMN rate_limited BIGINT NOT NULL DEFAULT 0;
