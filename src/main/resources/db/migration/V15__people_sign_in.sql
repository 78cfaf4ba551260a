-- People sign in (issue 14). Personal API tokens: created by a signed-in admin with a name, a
-- role and an expiry; stored as the SHA-256 of the token (like directory tokens), looked up by it
-- through a unique index. Browser sessions of people signed in through OpenID Connect: the
-- cookie's secret is stored only as its SHA-256; signing out deletes the row, an idle or expired
-- session is refused. Each row is touched only by its own caller (last use, at most once a
-- minute): no row that all requests share.
CREATE TABLE admin_token (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  name          VARCHAR(100)  NOT NULL,
  role          VARCHAR(16)   NOT NULL,
  token_hash    CHAR(64)      NOT NULL,
  created_at    DATETIME(6)   NOT NULL,
  created_by    VARCHAR(255)  NOT NULL,
  expires_at    DATETIME(6)   NOT NULL,
  last_used_at  DATETIME(6)   NULL,
  revoked_at    DATETIME(6)   NULL,
  version       BIGINT        NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_admin_token_hash UNIQUE (token_hash)
) ${table_options};

CREATE TABLE admin_session (
  id_hash       CHAR(64)      NOT NULL,
  subject       VARCHAR(255)  NOT NULL,
  email         VARCHAR(255)  NULL,
  display_name  VARCHAR(255)  NULL,
  role          VARCHAR(16)   NOT NULL,
  created_at    DATETIME(6)   NOT NULL,
  last_seen_at  DATETIME(6)   NOT NULL,
  expires_at    DATETIME(6)   NOT NULL,
  PRIMARY KEY (id_hash)
) ${table_options};
-- expired sessions are deleted by the next sign-in in batches through this index
CREATE INDEX ix_admin_session_expires ON admin_session (expires_at);
