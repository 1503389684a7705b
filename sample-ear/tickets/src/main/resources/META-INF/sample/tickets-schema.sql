-- The tickets backend's own tables. Idempotent; run at deployment by TicketsSchema.
-- No other backend reads or writes them.

CREATE TABLE IF NOT EXISTS concert (
    id           bigint PRIMARY KEY,
    name         text   NOT NULL,
    price_cents  bigint NOT NULL CHECK (price_cents > 0)
);

-- A booking waits for the organizer (PENDING) until confirmed (CONFIRMED) or, when its deadline
-- passed first, cancelled and refunded (CANCELLED). The state changes only under the row's lock
-- (SELECT ... FOR UPDATE), which serializes a confirmation with the deadline's compensation.
CREATE TABLE IF NOT EXISTS booking (
    id                   bigserial   PRIMARY KEY,
    concert_id           bigint      NOT NULL REFERENCES concert (id),
    holder               text        NOT NULL,
    price_cents          bigint      NOT NULL,
    state                text        NOT NULL CHECK (state IN ('PENDING', 'CONFIRMED', 'CANCELLED')),
    booked_at            timestamptz NOT NULL DEFAULT now(),
    confirm_by           timestamptz NOT NULL,
    confirmed_by         text,
    confirmed_at         timestamptz,
    cancelled_at         timestamptz,
    -- Who cancelled: the sender and actor of the deadline message, for the audit.
    cancelled_by_sender  text,
    cancelled_by_actor   text,
    -- When the deadline message was handled, whatever the state was then.
    deadline_handled_at  timestamptz
);

CREATE INDEX IF NOT EXISTS booking_holder ON booking (holder, id);

INSERT INTO concert (id, name, price_cents) VALUES (1, 'Night of strings', 5000) ON CONFLICT (id) DO NOTHING;
