// Calls the sample's REST API as the demo user chosen on the page.

// The demo users of the server's application realm (sample-ear/ear/src/main/wildfly/configuration);
// each one's password is "<name>-pass". Demo accounts only: a real page would ask for a login.
export const USERS = [
    { name: 'alice', role: 'player' },
    { name: 'bob', role: 'player' },
    { name: 'carol', role: 'player' },
    { name: 'dave', role: 'player' },
    { name: 'erin', role: 'player' },
    { name: 'frank', role: 'player' },
    { name: 'grace', role: 'player' },
    { name: 'heidi', role: 'player' },
    { name: 'peggy', role: 'player' },
    { name: 'olga', role: 'organizer' },
];

let current = USERS[0].name;
const userListeners = [];

export function currentUser() {
    return current;
}

/** @return the current user's role: 'player' or 'organizer' */
export function currentRole() {
    return USERS.find(user => user.name === current).role;
}

export function setCurrentUser(name) {
    if (!USERS.some(user => user.name === name)) {
        throw new Error(`not a demo user: ${name}`);
    }
    current = name;
    userListeners.forEach(listener => listener(name));
}

export function onUserChange(listener) {
    userListeners.push(listener);
}

/**
 * Calls the API (path relative to /sample/api/) as the current user, with HTTP Basic in the
 * Authorization header. Resolves to { status, ok, body } whatever the answer; body is the parsed
 * JSON answer, or { error } with the text when the answer is not JSON (status 0: no answer at all).
 */
export async function call(method, path) {
    const user = current;
    return send(method, path, `Basic ${btoa(`${user}:${user}-pass`)}`);
}

/** Like call, but authenticated by a bearer token (scenario 2) instead of the password. */
export async function callWithToken(method, path, token) {
    return send(method, path, `Bearer ${token}`);
}

async function send(method, path, authorization) {
    let response;
    try {
        response = await fetch(`api/${path}`, {
            method,
            headers: {
                Authorization: authorization,
                Accept: 'application/json',
            },
            // Only the header authenticates: no cookie or cached login outlives a switch of user, and
            // a refusal never opens the browser's own login prompt.
            credentials: 'omit',
        });
    } catch (e) {
        return { status: 0, ok: false, body: { error: `the server did not answer (${e.message})` } };
    }
    const text = await response.text();
    let body = null;
    if (text) {
        try {
            body = JSON.parse(text);
        } catch (e) {
            body = { error: text };
        }
    }
    return { status: response.status, ok: response.ok, body };
}

/** @return why a call was refused, for a person to read */
export function refusal(result) {
    const reason = result.body && result.body.error ? result.body.error : 'refused';
    return result.status ? `${reason} (HTTP ${result.status})` : reason;
}
