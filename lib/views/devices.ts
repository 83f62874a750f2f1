// Push devices, as the server hands them to the UI (lib/views: types only, client-safe; see plans.ts).

/** One of the viewer's devices that push goes to. Never its endpoint or keys: those only leave the browser. */
export type DeviceView = { id: string; label: string; createdAt: Date };

/** Whether the endpoint this browser holds is one of the viewer's devices: the page never gets any endpoint. */
export type DeviceStatus = { registered: "yes" | "no" };
