// Scenario 4: a player books and pays; the organizer confirms before the deadline, or the deadline
// message cancels, refunds and tells the player.
import { call, currentUser, refusal } from './api.js';
import { actor, every, pending, report, time } from './ui.js';

const CONCERT = 1;
const REFRESH_MS = 1000;

export function concertTicketPanel(section) {
    const result = section.querySelector('[data-result]');
    const view = section.querySelector('[data-booking]');
    const confirm = section.querySelector('[data-action=confirm]');
    let bookingId = null;

    section.querySelector('[data-action=book]').addEventListener('click', async () => {
        const player = currentUser();
        pending(result, `${player} books a ticket…`);
        const answer = await call('POST', `tickets/concerts/${CONCERT}/bookings`);
        if (!answer.ok) {
            report(result, false, `${player} could not book: ${refusal(answer)}.`);
            return;
        }
        bookingId = answer.body.id;
        confirm.disabled = false;
        report(result, true, `${player} booked ticket ${bookingId}; the organizer may confirm it until ${time(answer.body.confirmBy)}.`);
        show(view, answer.body, null);
    });

    confirm.addEventListener('click', async () => {
        const organizer = currentUser();
        pending(result, `${organizer} confirms booking ${bookingId}…`);
        const answer = await call('POST', `tickets/bookings/${bookingId}/confirm`);
        if (answer.ok) {
            report(result, true, `${organizer} confirmed booking ${bookingId}.`);
        } else {
            report(result, false, `${organizer} could not confirm booking ${bookingId}: ${refusal(answer)}.`);
        }
    });

    every(REFRESH_MS, async () => {
        if (bookingId === null) {
            return;
        }
        const booking = await call('GET', `tickets/bookings/${bookingId}`);
        if (!booking.ok) {
            show(view, { id: bookingId }, `not visible to ${currentUser()}: only its holder and organizers see a booking`);
            return;
        }
        // A payment is its payer's alone; nobody else may read it.
        const payment = booking.body.holder === currentUser()
            ? paymentText(await call('GET', `payments?booking=${bookingId}`))
            : `visible to its payer, ${booking.body.holder}, only`;
        show(view, booking.body, payment);
    });
}

function show(view, booking, payment) {
    view.hidden = false;
    const field = name => view.querySelector(`[data-field=${name}]`);
    field('id').textContent = booking.id;
    field('holder').textContent = booking.holder || '';
    field('state').textContent = booking.state || '';
    field('confirmBy').textContent = time(booking.confirmBy);
    field('confirmedBy').textContent = booking.confirmedBy || '';
    field('cancelledBy').textContent = booking.cancelledBySender
        ? `${booking.cancelledBySender}, acting as ${booking.cancelledByActor}` : '';
    field('payment').textContent = payment || '';
}

function paymentText(answer) {
    if (answer.status === 404) {
        return 'not charged yet';
    }
    if (!answer.ok) {
        return `not readable: ${refusal(answer)}`;
    }
    const ledger = answer.body.transactions
        .map(t => `${t.kind} ${(t.amountCents / 100).toFixed(2)} (${t.sender}, ${actor(t.actorKind, t.actorUser)})`)
        .join(', ');
    return `${answer.body.state}: ${ledger}`;
}
