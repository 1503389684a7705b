// The current user's notifications, as the notification service stored them.
import { call, currentRole, currentUser, onUserChange, refusal } from './api.js';
import { actor, every, time } from './ui.js';

const REFRESH_MS = 1000;

export function notificationList(section) {
    const list = section.querySelector('[data-list]');
    const empty = section.querySelector('[data-empty]');
    const heading = section.querySelector('h2');
    let shown = '';

    const note = text => {
        empty.hidden = false;
        empty.textContent = text;
    };
    const show = user => {
        heading.textContent = `${user}'s notifications`;
        shown = '';
        list.replaceChildren();
        // Only players are told things in this sample: the notifications are a player's.
        note(currentRole() === 'player' ? 'Reading…' : `${user} is an organizer: only players get notifications.`);
    };
    show(currentUser());
    onUserChange(show);

    every(REFRESH_MS, async () => {
        const user = currentUser();
        if (currentRole() !== 'player') {
            return;
        }
        const result = await call('GET', 'notifications');
        if (user !== currentUser()) {
            return;  // the user changed while the answer was on its way
        }
        if (!result.ok) {
            shown = '';
            note(`Not readable: ${refusal(result)}`);
            return;
        }
        const answer = JSON.stringify(result.body);
        if (answer === shown) {
            return;
        }
        shown = answer;
        empty.hidden = result.body.length > 0;
        empty.textContent = 'None yet.';
        list.replaceChildren(...result.body.map(item));
    });
}

function item(notification) {
    const li = document.createElement('li');
    li.dataset.messageId = notification.messageId;
    const text = document.createElement('span');
    text.dataset.field = 'text';
    text.textContent = notification.text;
    const detail = document.createElement('span');
    detail.className = 'detail';
    detail.textContent = ` · ${time(notification.createdAt)}, from ${notification.sender}, acting for ${actor(notification.actorKind, notification.actorUser)}`;
    li.append(text, detail);
    return li;
}
