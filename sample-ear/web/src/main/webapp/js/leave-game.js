// Scenario 1: the current user leaves a game; the game service tells the notification service.
import { call, currentUser, refusal } from './api.js';
import { pending, report } from './ui.js';

export function leaveGamePanel(section) {
    const game = section.querySelector('[name=game]');
    const result = section.querySelector('[data-result]');

    section.querySelector('[data-action=leave]').addEventListener('click', async () => {
        const gameId = Number(game.value);
        const player = currentUser();
        if (!Number.isInteger(gameId) || gameId < 1) {
            report(result, false, `The game must be a number from 1 up, not "${game.value}".`);
            return;
        }
        pending(result, `${player} leaves game ${gameId}…`);
        const answer = await call('POST', `games/${gameId}/leave`);
        if (answer.ok) {
            result.dataset.messageId = answer.body.messageId;
            report(result, true, `${player} left game ${gameId}: message ${answer.body.messageId} is on its way to the notification service.`);
        } else {
            delete result.dataset.messageId;
            report(result, false, `${player} could not leave game ${gameId}: ${refusal(answer)}. Nothing was sent.`);
        }
    });
}

