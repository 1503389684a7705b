// Scenario 3: the current user logs in and then does nothing. The scheduler's timer sends the
// logout command as the system; the session service logs out whoever was idle too long and tells
// the game service, which takes them out of their games and has the other players told.
import { call, currentUser, onUserChange, refusal } from './api.js';
import { every, pending, report, time } from './ui.js';

const REFRESH_MS = 1000;

export function inactivityLogoutPanel(section) {
    const idle = section.querySelector('[name=idle]');
    const result = section.querySelector('[data-result]');
    const view = section.querySelector('[data-session]');

    section.querySelector('[data-action=login]').addEventListener('click', async () => {
        const user = currentUser();
        const timeout = idle.value.trim();
        pending(result, `${user} logs in…`);
        const answer = await call('POST', `sessions/login?idleTimeout=${encodeURIComponent(timeout)}`);
        if (answer.ok) {
            report(result, true, `${user} is logged in, and logged out after ${answer.body.idleTimeout} without activity.`);
            show(view, answer.body);
        } else {
            report(result, false, `${user} could not log in: ${refusal(answer)}.`);
        }
    });

    section.querySelector('[data-action=touch]').addEventListener('click', async () => {
        const user = currentUser();
        pending(result, `${user} shows activity…`);
        const answer = await call('POST', 'sessions/touch');
        if (answer.ok) {
            report(result, true, `${user} is still here; the idle time starts again.`);
            show(view, answer.body);
        } else {
            report(result, false, `${user} is not logged in: ${refusal(answer)}.`);
        }
    });

    onUserChange(() => {
        view.hidden = true;
        report(result, true, '');
    });

    every(REFRESH_MS, async () => {
        const user = currentUser();
        const session = await call('GET', 'sessions/mine');
        if (user !== currentUser()) {
            return;  // the user changed while the answer was on its way
        }
        if (session.ok) {
            show(view, session.body);
        } else {
            view.hidden = true;
        }
    });
}

function show(view, session) {
    view.hidden = false;
    const field = name => view.querySelector(`[data-field=${name}]`);
    field('user').textContent = session.user;
    field('state').textContent = session.state;
    field('idleTimeout').textContent = session.idleTimeout;
    field('lastActivityAt').textContent = time(session.lastActivityAt);
    field('endedAt').textContent = time(session.endedAt);
    field('endedBy').textContent = session.endedBySender
        ? `${session.endedBySender}, acting as ${session.endedByActor}${session.endedByUser ? ` ${session.endedByUser}` : ''}`
          + ` (${session.endedReason})`
        : '';
}
