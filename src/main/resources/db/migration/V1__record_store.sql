-- The internal store. One script serves H2 (PostgreSQL mode) and PostgreSQL: keep to their common SQL.

-- Per-dataset change counter. A writer locks its dataset's row for the length of its transaction, so
-- change sequences become visible in the order they were assigned: a pull by cursor never skips one.
CREATE TABLE dataset_sequence (
    dataset_id  VARCHAR(64) PRIMARY KEY,
    last_seq    BIGINT      NOT NULL
);

-- Every accepted version of every record; nothing is updated or deleted.
CREATE TABLE record_version (
    dataset_id      VARCHAR(64)  NOT NULL,
    seq             BIGINT       NOT NULL,
    record_key      VARCHAR(255) NOT NULL,
    version         INTEGER      NOT NULL,
    schema_version  VARCHAR(16)  NOT NULL,
    province_code   VARCHAR(8),
    period          VARCHAR(32),
    payload         TEXT         NOT NULL,
    payload_sha256  CHAR(64)     NOT NULL,
    message_id      VARCHAR(64)  NOT NULL,
    submitter       VARCHAR(128) NOT NULL,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (dataset_id, seq),
    CONSTRAINT record_version_key_version UNIQUE (dataset_id, record_key, version)
);

-- The latest version of each record, for O(1) look-ups and the "unchanged" check.
CREATE TABLE record_head (
    dataset_id      VARCHAR(64)  NOT NULL,
    record_key      VARCHAR(255) NOT NULL,
    version         INTEGER      NOT NULL,
    seq             BIGINT       NOT NULL,
    payload_sha256  CHAR(64)     NOT NULL,
    PRIMARY KEY (dataset_id, record_key)
);

-- The first receipt given for each idempotency key of each submitter.
CREATE TABLE ingest_receipt (
    submitter        VARCHAR(128) NOT NULL,
    idempotency_key  VARCHAR(255) NOT NULL,
    dataset_id       VARCHAR(64)  NOT NULL,
    request_sha256   CHAR(64)     NOT NULL,
    receipt          TEXT         NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (submitter, idempotency_key)
);

-- Transactional outbox: written in the same transaction as the record versions, drained to Artemis.
CREATE TABLE event_outbox (
    dataset_id  VARCHAR(64)  NOT NULL,
    seq         BIGINT       NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (dataset_id, seq)
);

-- ShedLock: the outbox relay runs on one hub node at a time.
CREATE TABLE shedlock (
    name        VARCHAR(64)  NOT NULL PRIMARY KEY,
    lock_until  TIMESTAMP    NOT NULL,
    locked_at   TIMESTAMP    NOT NULL,
    locked_by   VARCHAR(255) NOT NULL
);
