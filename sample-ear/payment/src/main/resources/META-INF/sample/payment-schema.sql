-- The payment backend's own tables. Idempotent; run at deployment by PaymentSchema.

-- One payment per booking: CAPTURED when charged, REFUNDED once refunded.
CREATE TABLE IF NOT EXISTS payment (
    booking_id   bigint      PRIMARY KEY,
    payer        text        NOT NULL,
    amount_cents bigint      NOT NULL,
    state        text        NOT NULL CHECK (state IN ('CAPTURED', 'REFUNDED')),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- The ledger: every money movement, with the message that caused it and who sent it for whom.
-- The unique message id keeps a message from moving money twice, even without the inbox.
CREATE TABLE IF NOT EXISTS payment_transaction (
    id           bigserial   PRIMARY KEY,
    booking_id   bigint      NOT NULL REFERENCES payment (booking_id),
    kind         text        NOT NULL CHECK (kind IN ('CHARGE', 'REFUND')),
    amount_cents bigint      NOT NULL,
    message_id   uuid        NOT NULL UNIQUE,
    sender       text        NOT NULL,
    actor_kind   text        NOT NULL,
    actor_user   text,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS payment_transaction_booking ON payment_transaction (booking_id, id);
