-- Audit log: append-only, hash-chained. audit_head holds the chain's end (and, after pruning,
-- its anchor: the sequence number and hash of the last pruned record) and is locked by each
-- appending transaction, so that the chain is linear across threads and nodes.
CREATE TABLE audit_record (
  seq          BIGINT        NOT NULL,
  at           DATETIME(6)   NOT NULL,
  actor        VARCHAR(128)  NOT NULL,
  action       VARCHAR(64)   NOT NULL,
  target_type  VARCHAR(32)   NOT NULL,
  target_id    VARCHAR(128)  NOT NULL,
  detail       TEXT          NOT NULL,
  cause        VARCHAR(512)  NOT NULL,
  prev_hash    CHAR(64)      NOT NULL,
  hash         CHAR(64)      NOT NULL,
  PRIMARY KEY (seq)
) ${table_options};
CREATE INDEX ix_audit_at ON audit_record (at);
CREATE INDEX ix_audit_target ON audit_record (target_type, target_id, seq);
CREATE INDEX ix_audit_actor ON audit_record (actor, seq);

CREATE TABLE audit_head (
  id           INT           NOT NULL,
  last_seq     BIGINT        NOT NULL,
  last_hash    CHAR(64)      NOT NULL,
  anchor_seq   BIGINT        NOT NULL,
  anchor_hash  CHAR(64)      NOT NULL,
  PRIMARY KEY (id)
) ${table_options};
INSERT INTO audit_head (id, last_seq, last_hash, anchor_seq, anchor_hash) VALUES
  (1, 0, '0000000000000000000000000000000000000000000000000000000000000000',
      0, '0000000000000000000000000000000000000000000000000000000000000000');

-- SCIM traffic per directory and hour, and the most recent errors (no bodies, no tokens).
CREATE TABLE directory_traffic (
  directory_id BIGINT       NOT NULL,
  hour_start   DATETIME(6)  NOT NULL,
  requests     BIGINT       NOT NULL,
  errors       BIGINT       NOT NULL,
  PRIMARY KEY (directory_id, hour_start)
) ${table_options};

CREATE TABLE directory_activity (
  directory_id    BIGINT       NOT NULL,
  last_request_at DATETIME(6),
  last_write_at   DATETIME(6),
  PRIMARY KEY (directory_id)
) ${table_options};

CREATE TABLE directory_error (
  id           BIGINT        NOT NULL AUTO_INCREMENT,
  directory_id BIGINT        NOT NULL,
  at           DATETIME(6)   NOT NULL,
  method       VARCHAR(8)    NOT NULL,
  path         VARCHAR(512)  NOT NULL,
  status       INT           NOT NULL,
  scim_type    VARCHAR(32),
  detail       VARCHAR(512),
  PRIMARY KEY (id)
) ${table_options};
CREATE INDEX ix_error_directory ON directory_error (directory_id, id);

CREATE INDEX ix_event_path ON access_event (user_id, binding_id, id);
