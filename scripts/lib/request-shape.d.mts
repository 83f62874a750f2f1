import type { IncomingMessage, ServerResponse } from "node:http";

export const MAX_BODY_BYTES: number;
export function refuseUnreadableBody(req: IncomingMessage, res: ServerResponse, maxBytes?: number): boolean;
export function refuseMalformedRequest(req: IncomingMessage, res: ServerResponse): boolean;
