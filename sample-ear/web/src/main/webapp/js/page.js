// Wires the page: who the user is, one panel per scenario, the notifications and the message flow.
// A new scenario is one more <section> in index.html and one more line in PANELS.
import { USERS, currentUser, onUserChange, setCurrentUser } from './api.js';
import { concertTicketPanel } from './concert-tickets.js';
import { flowTable } from './flow.js';
import { gameDetailsPanel } from './game-details.js';
import { inactivityLogoutPanel } from './inactivity-logout.js';
import { leaveGamePanel } from './leave-game.js';
import { notificationList } from './notifications.js';

const PANELS = {
    'scenario-1': leaveGamePanel,
    'scenario-2': gameDetailsPanel,
    'scenario-3': inactivityLogoutPanel,
    'scenario-4': concertTicketPanel,
};

const select = document.getElementById('user');
const role = document.getElementById('user-role');
for (const user of USERS) {
    select.append(new Option(user.name, user.name));
}
select.value = currentUser();
select.addEventListener('change', () => setCurrentUser(select.value));
const showRole = name => {
    role.textContent = `(${USERS.find(user => user.name === name).role}; password ${name}-pass)`;
};
showRole(currentUser());
onUserChange(showRole);

for (const [id, panel] of Object.entries(PANELS)) {
    panel(document.getElementById(id));
}
notificationList(document.getElementById('notifications'));
flowTable(document.getElementById('flow'));
document.body.dataset.ready = 'true';
