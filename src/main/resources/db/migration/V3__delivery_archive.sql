-- Every delivery of a record version to a subscriber: one row per delivery id (<endpoint>:<seq>),
-- updated on each outcome. Resends and replays keep the id; ordering checks read the delivered versions.
CREATE TABLE delivery (
    delivery_id  VARCHAR(200) PRIMARY KEY,
    endpoint     VARCHAR(200) NOT NULL,
    partner      VARCHAR(64)  NOT NULL,
    dataset      VARCHAR(64)  NOT NULL,
    seq          BIGINT       NOT NULL,
    key_hash     VARCHAR(64)  NOT NULL,
    version      INT          NOT NULL,
    status       VARCHAR(32)  NOT NULL,
    attempts     INT          NOT NULL,
    times_sent   INT          NOT NULL,
    last_error   VARCHAR(1000),
    first_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX delivery_endpoint_key ON delivery (endpoint, key_hash, version);
