-- WS-Security replay defence: the SHA-256 of each accepted request signature, kept for the freshness window.
CREATE TABLE soap_message_seen (
    signature_sha256 VARCHAR(64) PRIMARY KEY,
    seen_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
