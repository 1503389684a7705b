// Scenario 2: the current user sees a game's players. The page trades the password for a bearer
// token at the auth service; the game service validates the token there and reads each profile
// from the user service, acting with this user's permissions only. No message is sent: what shows
// the flow is the user service's audit of who asked for the user's own profile.
import { call, callWithToken, currentUser, refusal } from './api.js';
import { actor, pending, report, time } from './ui.js';

export function gameDetailsPanel(section) {
    const game = section.querySelector('[name=game]');
    const result = section.querySelector('[data-result]');
    const players = section.querySelector('[data-players]');
    const audit = section.querySelector('[data-audit]');

    section.querySelector('[data-action=details]').addEventListener('click', async () => {
        const gameId = Number(game.value);
        const user = currentUser();
        players.hidden = true;
        audit.hidden = true;
        if (!Number.isInteger(gameId) || gameId < 1) {
            report(result, false, `The game must be a number from 1 up, not "${game.value}".`);
            return;
        }
        pending(result, `${user} asks the auth service for a token…`);
        const token = await call('POST', 'auth/tokens');
        if (!token.ok) {
            report(result, false, `${user} got no token: ${refusal(token)}.`);
            return;
        }
        pending(result, `${user} asks for game ${gameId}, with the token…`);
        const details = await callWithToken('GET', `games/${gameId}`, token.body.token);
        if (!details.ok) {
            report(result, false, `${user} may not see game ${gameId}: ${refusal(details)}.`);
            return;
        }
        fill(players, details.body.players.map(player => [player.name, player.displayName || '', player.visibility,
            player.email || '', player.phone || '']));
        const accesses = await callWithToken('GET', `users/${user}/accesses`, token.body.token);
        if (accesses.ok) {
            // The newest first; the calls of this request are marked.
            const rows = accesses.body.slice(-10).reverse();
            fill(audit, rows.map(access => [time(access.accessedAt), access.caller,
                actor(access.actorKind, access.actorUser), access.answer + (access.reason ? `: ${access.reason}` : '')]),
            rows.map(access => access.correlationId === details.body.correlationId));
        }
        result.dataset.correlationId = details.body.correlationId;
        report(result, true, `Game ${gameId}, "${details.body.name}", as ${details.body.viewer} may see it`
            + ` (the user service read each profile for ${details.body.viewer}; request ${details.body.correlationId}).`
            + (accesses.ok ? '' : ` The audit is not readable: ${refusal(accesses)}.`));
    });
}

/** Shows the rows in the table's body; a marked row is one of the request just made. */
function fill(table, rows, marked = []) {
    table.hidden = false;
    table.tBodies[0].replaceChildren(...rows.map((cells, index) => {
        const tr = document.createElement('tr');
        if (marked[index]) {
            tr.className = 'this-request';
        }
        tr.append(...cells.map(text => {
            const td = document.createElement('td');
            td.textContent = text;
            return td;
        }));
        return tr;
    }));
}
