-- Audit log without a global serial point (issue 8). A change's transaction now only INSERTs its
-- record: the database numbers it (AUTO_INCREMENT; with auto_increment_increment/offset on
-- Galera) and the record carries a random salt and a MAC under the audit key, a secret the
-- database does not hold. A sealer (one node at a time, by a lease in audit_head) lists committed
-- records in hash-linked blocks sealed with the key. Nothing a writer does touches audit_head.
--
-- Existing records keep their unkeyed chained hash (salt NULL marks them) and are sealed into the
-- first blocks by the first sealer run after the upgrade.
ALTER TABLE audit_record MODIFY seq BIGINT NOT NULL AUTO_INCREMENT;
ALTER TABLE audit_record MODIFY prev_hash CHAR(64) NULL;
ALTER TABLE audit_record ADD COLUMN salt CHAR(32) NULL;
ALTER TABLE audit_record ADD COLUMN block BIGINT NULL;
-- Unsealed records (block IS NULL) in seq order for the sealer; a block's records for verify.
CREATE INDEX ix_audit_block ON audit_record (block, seq);
-- The MAC does not cover seq (unknown until the INSERT): a copy of a record under another seq is
-- found by its hash, so that the sealer never seals it and verify names it. Not unique: a write
-- never fails on it.
CREATE INDEX ix_audit_hash ON audit_record (hash);

CREATE TABLE audit_block (
  num          BIGINT        NOT NULL,
  prev_hash    CHAR(64)      NOT NULL,
  first_seq    BIGINT        NOT NULL,
  last_seq     BIGINT        NOT NULL,
  records      INT           NOT NULL,
  last_at      DATETIME(6)   NOT NULL,
  entries      MEDIUMTEXT    NOT NULL,
  sealed_at    DATETIME(6)   NOT NULL,
  key_id       CHAR(16)      NOT NULL,
  hash         CHAR(64)      NOT NULL,
  hmac         CHAR(64)      NOT NULL,
  PRIMARY KEY (num)
) ${table_options};
CREATE INDEX ix_audit_block_hash ON audit_block (hash);
CREATE INDEX ix_audit_block_last_at ON audit_block (last_at);

-- audit_head: no longer the chain's end that every writer locked. It holds the sealer's lease
-- and the anchor left by pruning (last block removed, its hash, and the moment before which
-- listed records may be missing). last_seq/last_hash/anchor_seq/anchor_hash keep the legacy
-- chain's values for reference.
ALTER TABLE audit_head ADD COLUMN sealer VARCHAR(64) NULL;
ALTER TABLE audit_head ADD COLUMN lease_until DATETIME(6) NULL;
ALTER TABLE audit_head ADD COLUMN anchor_block BIGINT NOT NULL DEFAULT 0;
ALTER TABLE audit_head ADD COLUMN anchor_block_hash CHAR(64) NOT NULL
  DEFAULT '0000000000000000000000000000000000000000000000000000000000000000';
ALTER TABLE audit_head ADD COLUMN pruned_before DATETIME(6) NULL;
