// The signed-in person, as the server hands them to the UI (lib/views: types only, client-safe; see plans.ts).

/**
 * Who is signed in: what pages and actions need of the user, and nothing secret — their own id, name
 * and @handle. Never their email, password hash or session id.
 */
export type SessionUser = { id: string; displayName: string; handle: string };
