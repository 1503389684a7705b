-- The user backend's own tables. Idempotent; run at deployment by UserSchema.

-- A profile has a public part (the display name) and a private one (email, phone) that only the
-- user themself sees.
CREATE TABLE IF NOT EXISTS user_profile (
    user_name    text PRIMARY KEY,
    display_name text NOT NULL,
    email        text NOT NULL,
    phone        text NOT NULL
);

-- The audit: every call whose caller proved itself, whatever it was answered. The call's id is
-- unique, so a call replayed within its accepted age finds its id taken and is refused.
CREATE TABLE IF NOT EXISTS user_profile_access (
    id                bigserial   PRIMARY KEY,
    request_id        uuid        NOT NULL UNIQUE,
    correlation_id    uuid,
    caller            text        NOT NULL,
    actor_kind        text        NOT NULL,
    actor_user        text,
    actor_permissions text        NOT NULL,
    profile_of        text        NOT NULL,
    answer            text        NOT NULL CHECK (answer IN ('FULL', 'PUBLIC', 'NOT_FOUND', 'UNAUTHENTICATED', 'FORBIDDEN', 'UNAVAILABLE')),
    reason            text,
    accessed_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS user_profile_access_profile ON user_profile_access (profile_of, id);

-- Demo data: a profile for each demo user.
INSERT INTO user_profile (user_name, display_name, email, phone) VALUES
    ('alice', 'Alice Archer', 'alice@example.org', '+41 79 100 00 01'),
    ('bob', 'Bob Baker', 'bob@example.org', '+41 79 100 00 02'),
    ('carol', 'Carol Cooper', 'carol@example.org', '+41 79 100 00 03'),
    ('dave', 'Dave Dyer', 'dave@example.org', '+41 79 100 00 04'),
    ('erin', 'Erin Evans', 'erin@example.org', '+41 79 100 00 05'),
    ('frank', 'Frank Fisher', 'frank@example.org', '+41 79 100 00 06'),
    ('grace', 'Grace Glover', 'grace@example.org', '+41 79 100 00 07'),
    ('heidi', 'Heidi Hunter', 'heidi@example.org', '+41 79 100 00 08'),
    ('olga', 'Olga Organa', 'olga@example.org', '+41 79 100 00 09')
ON CONFLICT (user_name) DO NOTHING;
