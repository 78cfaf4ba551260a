-- The mass-deprovisioning guard (issue 10). Per directory: its settings. Per grant: whether its
-- revocation is held (by which directory's SCIM write, since when, why). Per access event: the
-- directory whose guarded SCIM write applied a revocation, so that the revocations of a window
-- are counted with one range scan of ix_event_guard — no counter row every writer updates.
ALTER TABLE directory ADD COLUMN guard_enabled BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE directory ADD COLUMN guard_percent INT NOT NULL DEFAULT 20;
ALTER TABLE directory ADD COLUMN guard_minimum INT NOT NULL DEFAULT 10;
ALTER TABLE directory ADD COLUMN guard_window_seconds BIGINT NOT NULL DEFAULT 3600;

ALTER TABLE access_grant ADD COLUMN held_directory_id BIGINT NULL;
ALTER TABLE access_grant ADD COLUMN held_since DATETIME(6) NULL;
ALTER TABLE access_grant ADD COLUMN held_cause VARCHAR(512) NULL;
ALTER TABLE access_grant ADD COLUMN held_user_name VARCHAR(255) NULL;
CREATE INDEX ix_grant_held ON access_grant (held_directory_id, held_since, user_id);

ALTER TABLE access_event ADD COLUMN guard_directory_id BIGINT NULL;
CREATE INDEX ix_event_guard ON access_event (guard_directory_id, at);
