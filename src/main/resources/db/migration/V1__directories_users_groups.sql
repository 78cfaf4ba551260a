-- Directories (one per IdP connection), SCIM users and groups, group membership rows.
-- Runs on MariaDB and on H2 in MariaDB mode. ${table_options} makes MariaDB compare text byte
-- for byte, like H2: case-insensitive matching always goes through the *_key columns, which hold
-- the lower-cased value, so both databases answer the same.

CREATE TABLE directory (
  id               BIGINT       NOT NULL AUTO_INCREMENT,
  name             VARCHAR(100) NOT NULL,
  idp              VARCHAR(20)  NOT NULL,
  token_hash       CHAR(64)     NOT NULL,
  status           VARCHAR(16)  NOT NULL,
  created_at       DATETIME(6)  NOT NULL,
  token_issued_at  DATETIME(6)  NOT NULL,
  version          BIGINT       NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_directory_name UNIQUE (name),
  CONSTRAINT uk_directory_token UNIQUE (token_hash)
) ${table_options};

CREATE TABLE scim_user (
  id                   CHAR(36)      NOT NULL,
  directory_id         BIGINT        NOT NULL,
  version              BIGINT        NOT NULL,
  user_name            VARCHAR(255)  NOT NULL,
  user_name_key        VARCHAR(255)  NOT NULL,
  external_id          VARCHAR(255),
  active               BOOLEAN       NOT NULL,
  display_name         VARCHAR(255),
  nick_name            VARCHAR(255),
  profile_url          VARCHAR(1024),
  title                VARCHAR(255),
  user_type            VARCHAR(64),
  preferred_language   VARCHAR(64),
  locale               VARCHAR(64),
  timezone             VARCHAR(64),
  name_formatted       VARCHAR(512),
  name_family          VARCHAR(255),
  name_given           VARCHAR(255),
  name_middle          VARCHAR(255),
  name_prefix          VARCHAR(64),
  name_suffix          VARCHAR(64),
  employee_number      VARCHAR(255),
  cost_center          VARCHAR(255),
  organization         VARCHAR(255),
  division             VARCHAR(255),
  department           VARCHAR(255),
  manager_id           VARCHAR(255),
  manager_display      VARCHAR(255),
  password_hash        VARCHAR(255),
  created_at           DATETIME(6)   NOT NULL,
  modified_at          DATETIME(6)   NOT NULL,
  deactivated_at       DATETIME(6),
  PRIMARY KEY (id),
  CONSTRAINT uk_user_directory_name UNIQUE (directory_id, user_name_key),
  CONSTRAINT fk_user_directory FOREIGN KEY (directory_id) REFERENCES directory (id)
) ${table_options};
CREATE INDEX ix_user_external_id ON scim_user (directory_id, external_id);
CREATE INDEX ix_user_order ON scim_user (directory_id, created_at, id);

-- Multi-valued attributes (emails, phoneNumbers, ims, photos, entitlements, roles,
-- x509Certificates, addresses): one row a value, so that emails.value is an indexed lookup.
CREATE TABLE user_value (
  id             BIGINT        NOT NULL AUTO_INCREMENT,
  user_id        CHAR(36)      NOT NULL,
  position       INT           NOT NULL,
  directory_id   BIGINT        NOT NULL,
  attribute      VARCHAR(32)   NOT NULL,
  value_text     TEXT,
  value_key      VARCHAR(255),
  value_type     VARCHAR(64),
  is_primary     BOOLEAN       NOT NULL,
  display        VARCHAR(255),
  detail_json    TEXT,
  PRIMARY KEY (id),
  CONSTRAINT uk_value_position UNIQUE (user_id, position),
  CONSTRAINT fk_value_user FOREIGN KEY (user_id) REFERENCES scim_user (id) ON DELETE CASCADE
) ${table_options};
CREATE INDEX ix_value_lookup ON user_value (directory_id, attribute, value_key);

CREATE TABLE scim_group (
  id                CHAR(36)     NOT NULL,
  directory_id      BIGINT       NOT NULL,
  version           BIGINT       NOT NULL,
  display_name      VARCHAR(255) NOT NULL,
  display_name_key  VARCHAR(255) NOT NULL,
  external_id       VARCHAR(255),
  created_at        DATETIME(6)  NOT NULL,
  modified_at       DATETIME(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_group_directory_name UNIQUE (directory_id, display_name_key),
  CONSTRAINT fk_group_directory FOREIGN KEY (directory_id) REFERENCES directory (id)
) ${table_options};
CREATE INDEX ix_group_external_id ON scim_group (directory_id, external_id);
CREATE INDEX ix_group_order ON scim_group (directory_id, created_at, id);

-- One row a (group, member): adding or removing a member is one indexed write.
CREATE TABLE group_member (
  group_id      CHAR(36)     NOT NULL,
  member_id     CHAR(36)     NOT NULL,
  member_type   VARCHAR(8)   NOT NULL,
  directory_id  BIGINT       NOT NULL,
  added_at      DATETIME(6)  NOT NULL,
  PRIMARY KEY (group_id, member_id),
  CONSTRAINT fk_member_group FOREIGN KEY (group_id) REFERENCES scim_group (id) ON DELETE CASCADE
) ${table_options};
CREATE INDEX ix_member_member ON group_member (member_id);
