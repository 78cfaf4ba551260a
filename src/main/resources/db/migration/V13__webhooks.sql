-- Signed access events for subscribers (issue 10). A change's transaction only INSERTs its
-- events into webhook_outbox (auto-increment id, no shared row). A dispatcher (one node at a
-- time, lease in webhook_lease) fans committed events out to each matching subscription as
-- webhook_delivery rows numbered by a per-subscription seq it alone assigns; a delivery worker
-- (one node at a time per subscription, lease columns on webhook_subscription) sends them in seq
-- order.
CREATE TABLE webhook_subscription (
  id              BIGINT        NOT NULL AUTO_INCREMENT,
  url             VARCHAR(2048) NOT NULL,
  events          VARCHAR(1024),
  project_key     VARCHAR(64),
  secret_enc      VARCHAR(255)  NOT NULL,
  status          VARCHAR(16)   NOT NULL,
  created_at      DATETIME(6)   NOT NULL,
  dispatched_seq  BIGINT        NOT NULL DEFAULT 0,
  replay_from     DATETIME(6),
  replay_after_id BIGINT,
  lease_owner     VARCHAR(64),
  lease_until     DATETIME(6),
  PRIMARY KEY (id)
) ${table_options};
CREATE INDEX ix_subscription_status ON webhook_subscription (status, id);

CREATE TABLE webhook_outbox (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  event_id     CHAR(36)     NOT NULL,
  at           DATETIME(6)  NOT NULL,
  type         VARCHAR(64)  NOT NULL,
  project_key  VARCHAR(64),
  body         MEDIUMTEXT   NOT NULL,
  dispatched   BOOLEAN      NOT NULL DEFAULT FALSE,
  PRIMARY KEY (id)
) ${table_options};
CREATE INDEX ix_outbox_pending ON webhook_outbox (dispatched, id);
CREATE INDEX ix_outbox_at ON webhook_outbox (at, id);

CREATE TABLE webhook_delivery (
  id              BIGINT       NOT NULL AUTO_INCREMENT,
  subscription_id BIGINT       NOT NULL,
  seq             BIGINT       NOT NULL,
  outbox_id       BIGINT       NOT NULL,
  state           VARCHAR(12)  NOT NULL,
  attempts        INT          NOT NULL,
  created_at      DATETIME(6)  NOT NULL,
  next_attempt_at DATETIME(6)  NOT NULL,
  first_failed_at DATETIME(6),
  last_attempt_at DATETIME(6),
  last_status     INT,
  last_error      VARCHAR(512),
  delivered_at    DATETIME(6),
  PRIMARY KEY (id),
  CONSTRAINT uk_delivery_seq UNIQUE (subscription_id, seq)
) ${table_options};
CREATE INDEX ix_delivery_state ON webhook_delivery (subscription_id, state, seq);
CREATE INDEX ix_delivery_created ON webhook_delivery (created_at, id);
CREATE INDEX ix_delivery_outbox ON webhook_delivery (outbox_id, state);

CREATE TABLE webhook_lease (
  name         VARCHAR(32)  NOT NULL,
  owner        VARCHAR(64),
  lease_until  DATETIME(6),
  PRIMARY KEY (name)
) ${table_options};
INSERT INTO webhook_lease (name, owner, lease_until) VALUES ('dispatcher', NULL, NULL);
