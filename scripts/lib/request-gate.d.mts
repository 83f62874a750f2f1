import type { IncomingMessage, ServerResponse } from "node:http";

export const DEFAULT_MAX_REQUESTS_IN_FLIGHT: number;
export const BUSY_TEXT: string;
export function parseMaxInFlight(value: string | undefined): number;
export function gateRequests(
  limit: number,
  handler: (req: IncomingMessage, res: ServerResponse) => unknown,
): (req: IncomingMessage, res: ServerResponse) => unknown;
