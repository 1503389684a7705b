-- The auth backend's own table. Idempotent; run at deployment by AuthSchema.

-- Issued tokens. The token itself is never stored, only its SHA-256: whoever reads this table
-- cannot call anything with what they read. Validation only reads rows; issuing inserts one,
-- revoking sets revoked_at.
CREATE TABLE IF NOT EXISTS auth_token (
    id           uuid        PRIMARY KEY,
    token_sha256 bytea       NOT NULL UNIQUE,
    user_name    text        NOT NULL,
    -- Comma-separated and sorted; a permission never contains a comma.
    permissions  text        NOT NULL,
    issued_at    timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    CHECK (expires_at > issued_at)
);

CREATE INDEX IF NOT EXISTS auth_token_expires_at ON auth_token (expires_at);
