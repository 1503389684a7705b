-- The game backend's own tables. Idempotent; run at deployment by GameSchema.
-- No other backend reads or writes them: they learn what happens here from messages.

CREATE TABLE IF NOT EXISTS game (
    id    bigint PRIMARY KEY,
    name  text   NOT NULL
);

CREATE TABLE IF NOT EXISTS game_player (
    game_id    bigint      NOT NULL REFERENCES game (id),
    player     text        NOT NULL,
    joined_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (game_id, player)
);

-- The session record: what players did in a game, in order.
CREATE TABLE IF NOT EXISTS game_session_event (
    id        bigserial   PRIMARY KEY,
    game_id   bigint      NOT NULL REFERENCES game (id),
    player    text        NOT NULL,
    event     text        NOT NULL CHECK (event IN ('JOINED', 'LEFT', 'LOGGED_OUT')),
    happened_at timestamptz NOT NULL DEFAULT now()
);

-- LOGGED_OUT: the session backend logged the player out, which took them out of their games.
-- Replaces the check of a table created before that event existed.
ALTER TABLE game_session_event DROP CONSTRAINT IF EXISTS game_session_event_event_check;
ALTER TABLE game_session_event ADD CONSTRAINT game_session_event_event_check CHECK (event IN ('JOINED', 'LEFT', 'LOGGED_OUT'));

-- Games players create through the API are numbered from 100; the ones below are demo data.
CREATE SEQUENCE IF NOT EXISTS game_id_seq START WITH 100;

-- Demo data: games 1 and 3 with alice, bob and carol, added only when the game does not exist
-- yet, so a redeployment does not bring back a player who left. Two such games, so that a person on
-- the sample's page can play scenario 1 apart from the tests of the API (game 1; the page's is 3).
WITH created AS (
    INSERT INTO game (id, name) VALUES (1, 'Friday quiz'), (3, 'Saturday darts') ON CONFLICT (id) DO NOTHING RETURNING id
)
INSERT INTO game_player (game_id, player)
SELECT created.id, player FROM created, (VALUES ('alice'), ('bob'), ('carol')) AS players (player);

-- Game 2, for scenario 2 (its details, with the players' profiles): alice, bob and dave.
WITH created AS (
    INSERT INTO game (id, name) VALUES (2, 'Sunday chess') ON CONFLICT (id) DO NOTHING RETURNING id
)
INSERT INTO game_player (game_id, player)
SELECT created.id, player FROM created, (VALUES ('alice'), ('bob'), ('dave')) AS players (player);
