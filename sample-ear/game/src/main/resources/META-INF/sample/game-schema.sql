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
    event     text        NOT NULL CHECK (event IN ('JOINED', 'LEFT')),
    happened_at timestamptz NOT NULL DEFAULT now()
);

-- Demo data: games 1 and 2, each with three players, added only when the game does not exist
-- yet, so a redeployment does not bring back a player who left. Two games, so that a person on
-- the sample's page can play scenario 1 twice (the tests of the API use game 1, the page's game 2).
WITH created AS (
    INSERT INTO game (id, name) VALUES (1, 'Friday quiz'), (2, 'Sunday chess') ON CONFLICT (id) DO NOTHING RETURNING id
)
INSERT INTO game_player (game_id, player)
SELECT created.id, player FROM created, (VALUES ('alice'), ('bob'), ('carol')) AS players (player);
