-- The message log: one entry per exchange, in or out, accepted or refused, chained by SHA-256.
-- entry_hash = SHA-256 of the entry's fields and prev_hash (see MessageLogEntry.chainHash); the head row
-- holds the last seq and hash so that a deleted tail entry is detected too.
CREATE TABLE message_log (
    seq            BIGINT PRIMARY KEY,
    logged_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    direction      VARCHAR(3)    NOT NULL,
    partner        VARCHAR(64)   NOT NULL,
    dataset        VARCHAR(64),
    operation      VARCHAR(32)   NOT NULL,
    message_id     VARCHAR(64)   NOT NULL,
    payload_sha256 VARCHAR(64),
    signature      TEXT,
    outcome        VARCHAR(64)   NOT NULL,
    detail         VARCHAR(1000),
    prev_hash      VARCHAR(64)   NOT NULL,
    entry_hash     VARCHAR(64)   NOT NULL
);

CREATE INDEX message_log_message_id ON message_log (message_id);

CREATE TABLE message_log_head (
    id        INT PRIMARY KEY,
    last_seq  BIGINT      NOT NULL,
    last_hash VARCHAR(64) NOT NULL
);

INSERT INTO message_log_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- RFC 3161 time-stamp tokens over the chain head, when a TSA is configured.
CREATE TABLE message_log_timestamp (
    seq          BIGINT PRIMARY KEY,
    head_hash    VARCHAR(64) NOT NULL,
    stamped_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    tsa_url      VARCHAR(500) NOT NULL,
    token_base64 TEXT NOT NULL
);
