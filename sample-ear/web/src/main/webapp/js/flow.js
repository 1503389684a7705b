// The table of messages: what was sent, by whom, for whom, and when each consumer handled it.
import { call, refusal } from './api.js';
import { actor, every, time } from './ui.js';

const REFRESH_MS = 1000;
const LIMIT = 100;

export function flowTable(section) {
    const rows = section.querySelector('tbody');
    const status = section.querySelector('[data-status]');
    const routine = section.querySelector('[data-option=routine]');
    let since = null;
    let newest = null;
    let shown = '';

    section.querySelector('[data-action=clear]').addEventListener('click', () => {
        // The newest message's own time, not the browser's clock, which may differ from the server's.
        since = newest;
    });

    every(REFRESH_MS, async () => {
        // Unless asked for, the scheduler's checks that logged nobody out (one every few seconds) stay out.
        const query = `flow?limit=${LIMIT}&quiet=${!routine.checked}` + (since ? `&since=${encodeURIComponent(since)}` : '');
        const result = await call('GET', query);
        if (!result.ok) {
            status.textContent = `Messages not readable: ${refusal(result)}`;
            return;
        }
        status.textContent = `${result.body.length} message(s), as of ${time(new Date().toISOString())}`;
        for (const message of result.body) {
            // Kept as the server wrote it (microseconds); compared as times, since the text's length varies.
            if (message.sentAt && (!newest || Date.parse(message.sentAt) > Date.parse(newest))) {
                newest = message.sentAt;
            }
        }
        // Redrawn only when something changed, so the rows a person reads stay put.
        const answer = JSON.stringify(result.body);
        if (answer !== shown) {
            shown = answer;
            rows.replaceChildren(...result.body.map(row));
        }
    });
}

function row(message) {
    const tr = document.createElement('tr');
    tr.dataset.messageId = message.id;
    tr.dataset.type = message.type;
    if (message.key) {
        tr.dataset.key = message.key;
    }
    const handled = message.handledBy || [];
    tr.append(
        cell('sent', message.sentAt ? [time(message.sentAt)] : ['not kept by the sender'],
            [message.deliverAt ? `deliver at ${time(message.deliverAt)}` : null]),
        cell('message', [message.type], [
            message.destination ? `${message.kind} to ${message.destination} · key ${message.key}` : null,
            `id ${message.id}`,
            message.causationId ? `caused by ${message.causationId}` : null]),
        cell('sender', [message.sender || 'unsigned']),
        actorCell(message),
        cell('consumer', handled.length ? handled.map(h => h.consumer) : [waiting(message)]),
        cell('handled', handled.map(h => `${time(h.handledAt)}${latency(message, h)}`)));
    return tr;
}

function actorCell(message) {
    const permissions = message.actorPermissions || [];
    const td = cell('actor', [actor(message.actorKind, message.actorUser)],
        [permissions.length ? `permissions: ${permissions.join(', ')}` : null]);
    td.classList.add(message.actorKind || 'unknown');
    return td;
}

function waiting(message) {
    if (message.deliverAt && new Date(message.deliverAt) > new Date()) {
        return `waiting until ${time(message.deliverAt)}`;
    }
    return 'on its way';
}

/** How long after it was sent (or, for a deadline, after it was due) the consumer handled it. */
function latency(message, handling) {
    const from = message.deliverAt || message.sentAt;
    if (!from) {
        return '';
    }
    const ms = new Date(handling.handledAt) - new Date(from);
    return ` (+${Math.max(0, ms)} ms)`;
}

/** A cell of main lines, then smaller detail lines (those that are null are left out). */
function cell(column, lines, details = []) {
    const td = document.createElement('td');
    td.dataset.column = column;
    for (const text of lines) {
        const line = document.createElement('span');
        line.className = 'line';
        line.textContent = text;
        if (text && text.startsWith('waiting')) {
            line.classList.add('waiting');
        }
        td.append(line);
    }
    for (const detail of details.filter(Boolean)) {
        const small = document.createElement('span');
        small.className = 'detail line';
        small.textContent = detail;
        td.append(small);
    }
    return td;
}
