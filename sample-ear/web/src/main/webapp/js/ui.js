// What the panels share to show things: periodic refresh, times, actors, outcomes.

/** Runs task now and then again every periodMs after each run ends, so slow answers never pile up. */
export function every(periodMs, task) {
    const run = async () => {
        try {
            await task();
        } catch (e) {
            console.warn('refresh failed', e);
        }
        setTimeout(run, periodMs);
    };
    run();
}

/** @return the time of an ISO-8601 instant in the page's time zone, to the millisecond; '' for none */
export function time(instant) {
    if (!instant) {
        return '';
    }
    const date = new Date(instant);
    const pad = (n, width = 2) => String(n).padStart(width, '0');
    return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** @return who a message or record acted for: "USER alice", "SYSTEM" */
export function actor(kind, user) {
    return user ? `${kind} ${user}` : (kind || '');
}

/** Shows that an action was asked for and its answer is awaited. */
export function pending(element, text) {
    element.dataset.pending = 'true';
    element.textContent = text;
    element.classList.remove('refused');
}

/** Shows the outcome of an action; a refusal is marked as such. */
export function report(element, ok, text) {
    delete element.dataset.pending;
    element.textContent = text;
    element.classList.toggle('refused', !ok);
}
