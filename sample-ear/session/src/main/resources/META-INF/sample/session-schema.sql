-- The session backend's own table. Idempotent; run at deployment by SessionSchema.
-- No other backend reads or writes it: they learn of logouts from the event session.UserLoggedOut.

-- One row per session: created at login, ACTIVE while the user is around, LOGGED_OUT once (and
-- only once) when they were inactive for longer than their idle timeout.
CREATE TABLE IF NOT EXISTS user_session (
    id                bigserial   PRIMARY KEY,
    user_id           text        NOT NULL,
    state             text        NOT NULL CHECK (state IN ('ACTIVE', 'LOGGED_OUT')),
    idle_timeout_ms   bigint      NOT NULL CHECK (idle_timeout_ms > 0),
    started_at        timestamptz NOT NULL DEFAULT now(),
    last_activity_at  timestamptz NOT NULL DEFAULT now(),
    ended_at          timestamptz,
    ended_reason      text,
    -- Who ended it, from the message that did: the sending service and the kind of actor.
    ended_by_sender   text,
    ended_by_actor    text,
    ended_by_user     text,
    ended_by_message  uuid,
    CHECK ((state = 'ACTIVE') = (ended_at IS NULL))
);

-- At most one active session per user: a second login refreshes the first.
CREATE UNIQUE INDEX IF NOT EXISTS user_session_active ON user_session (user_id) WHERE state = 'ACTIVE';
CREATE INDEX IF NOT EXISTS user_session_user ON user_session (user_id, id);
