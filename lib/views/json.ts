// The JSON form of a view type (lib/views: types only, client-safe).

/**
 * `T` as the browser holds it after JSON (`JSON.stringify` on the server, `JSON.parse` here): a Date
 * becomes its ISO string. Server components and server actions hand Dates over as Dates (React
 * carries them); only what is sent as JSON text — the live stream's events — needs this form.
 */
export type AsJson<T> = T extends Date ? string : T extends readonly (infer U)[] ? AsJson<U>[] : T extends object ? { [K in keyof T]: AsJson<T[K]> } : T;
