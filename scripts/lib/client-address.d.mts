export function clientAddress(forwardedFor: string | string[] | undefined, socketAddress: string | undefined, trustedHops: number): string;
export function parseTrustedHops(value: string | undefined): number;
