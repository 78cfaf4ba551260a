-- External companies and mapping rules (company context); projects, roles, licence pools,
-- bindings, effective access and access events (access context). No foreign keys into the
-- identity tables: contexts meet by id, and each cleans up after the other's events.

CREATE TABLE company (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  company_key VARCHAR(64)  NOT NULL,
  name        VARCHAR(255) NOT NULL,
  status      VARCHAR(16)  NOT NULL,
  created_at  DATETIME(6)  NOT NULL,
  retired_at  DATETIME(6),
  version     BIGINT       NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_company_key UNIQUE (company_key)
) ${table_options};

-- A domain names at most one company.
CREATE TABLE company_domain (
  domain      VARCHAR(255) NOT NULL,
  company_id  BIGINT       NOT NULL,
  PRIMARY KEY (domain),
  CONSTRAINT fk_domain_company FOREIGN KEY (company_id) REFERENCES company (id)
) ${table_options};
CREATE INDEX ix_domain_company ON company_domain (company_id);

CREATE TABLE mapping_rule (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  priority    INT          NOT NULL,
  kind        VARCHAR(16)  NOT NULL,
  attribute   VARCHAR(255),
  match_value VARCHAR(255) NOT NULL,
  company_id  BIGINT       NOT NULL,
  created_at  DATETIME(6)  NOT NULL,
  version     BIGINT       NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_rule_company FOREIGN KEY (company_id) REFERENCES company (id)
) ${table_options};

-- The company group: which company each user belongs to, derived by the rules; never written by an IdP.
CREATE TABLE company_member (
  user_id      CHAR(36)     NOT NULL,
  company_id   BIGINT       NOT NULL,
  directory_id BIGINT       NOT NULL,
  reason       VARCHAR(512) NOT NULL,
  since        DATETIME(6)  NOT NULL,
  PRIMARY KEY (user_id),
  CONSTRAINT fk_member_company FOREIGN KEY (company_id) REFERENCES company (id)
) ${table_options};
CREATE INDEX ix_company_member ON company_member (company_id, since, user_id);

-- Users the rules could not place: conflicting rules, or external-looking and matching nothing.
CREATE TABLE mapping_issue (
  user_id      CHAR(36)     NOT NULL,
  directory_id BIGINT       NOT NULL,
  kind         VARCHAR(16)  NOT NULL,
  detail       VARCHAR(1024) NOT NULL,
  since        DATETIME(6)  NOT NULL,
  PRIMARY KEY (user_id)
) ${table_options};
CREATE INDEX ix_issue_kind ON mapping_issue (kind, since);

CREATE TABLE reevaluation (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  reason       VARCHAR(512) NOT NULL,
  status       VARCHAR(16)  NOT NULL,
  total        BIGINT       NOT NULL,
  done         BIGINT       NOT NULL,
  moved        BIGINT       NOT NULL,
  started_at   DATETIME(6)  NOT NULL,
  finished_at  DATETIME(6),
  version      BIGINT       NOT NULL,
  PRIMARY KEY (id)
) ${table_options};

CREATE TABLE licence_pool (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  pool_key    VARCHAR(64)  NOT NULL,
  seats       INT,
  version     BIGINT       NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_pool_key UNIQUE (pool_key)
) ${table_options};

CREATE TABLE project (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  project_key VARCHAR(64)  NOT NULL,
  name        VARCHAR(255) NOT NULL,
  created_at  DATETIME(6)  NOT NULL,
  version     BIGINT       NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_project_key UNIQUE (project_key)
) ${table_options};

CREATE TABLE project_role (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  project_id  BIGINT       NOT NULL,
  name        VARCHAR(64)  NOT NULL,
  pool_id     BIGINT,
  PRIMARY KEY (id),
  CONSTRAINT uk_role_name UNIQUE (project_id, name),
  CONSTRAINT fk_role_project FOREIGN KEY (project_id) REFERENCES project (id),
  CONSTRAINT fk_role_pool FOREIGN KEY (pool_id) REFERENCES licence_pool (id)
) ${table_options};

-- A subject (an IdP group, or a company) holds a role in a project.
CREATE TABLE binding (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  project_id   BIGINT       NOT NULL,
  role_id      BIGINT       NOT NULL,
  subject_type VARCHAR(8)   NOT NULL,
  subject_ref  VARCHAR(64)  NOT NULL,
  created_at   DATETIME(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_binding UNIQUE (role_id, subject_type, subject_ref),
  CONSTRAINT fk_binding_role FOREIGN KEY (role_id) REFERENCES project_role (id)
) ${table_options};
CREATE INDEX ix_binding_subject ON binding (subject_type, subject_ref);

-- Effective access: one row a (user, binding) path; LEFT_OUT when the role's licence pool was full.
CREATE TABLE access_grant (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  user_id      CHAR(36)     NOT NULL,
  binding_id   BIGINT       NOT NULL,
  project_id   BIGINT       NOT NULL,
  role_id      BIGINT       NOT NULL,
  pool_id      BIGINT,
  state        VARCHAR(10)  NOT NULL,
  since        DATETIME(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_grant_path UNIQUE (user_id, binding_id)
) ${table_options};
CREATE INDEX ix_grant_binding ON access_grant (binding_id, state);
CREATE INDEX ix_grant_project ON access_grant (project_id, state, user_id);
CREATE INDEX ix_grant_pool ON access_grant (pool_id, state, user_id);

-- Every grant and revocation, with the path and the cause.
CREATE TABLE access_event (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  at           DATETIME(6)  NOT NULL,
  kind         VARCHAR(10)  NOT NULL,
  user_id      CHAR(36)     NOT NULL,
  user_name    VARCHAR(255) NOT NULL,
  project_key  VARCHAR(64)  NOT NULL,
  role_name    VARCHAR(64)  NOT NULL,
  binding_id   BIGINT       NOT NULL,
  via_type     VARCHAR(8)   NOT NULL,
  via_name     VARCHAR(255) NOT NULL,
  cause        VARCHAR(512) NOT NULL,
  PRIMARY KEY (id)
) ${table_options};
CREATE INDEX ix_event_user ON access_event (user_id, at);
CREATE INDEX ix_event_project ON access_event (project_key, at);
CREATE INDEX ix_event_at ON access_event (at);
