import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { asAddressed, handlers } from "@/lib/server/auth";

// A server listening on all interfaces (HOSTNAME=0.0.0.0) is reached as localhost, a LAN address or a
// domain: Auth.js's redirects must send the browser back to the address it used, never to 0.0.0.0.

const listening = "http://0.0.0.0:3000";

describe("Auth.js redirects", () => {
  it("go to the host the browser asked for, not the address the server listens on", async () => {
    const request = new NextRequest(`${listening}/api/auth/callback/credentials`, { headers: { host: "phone.example:3000" } });
    const response = await handlers.GET(request);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^http:\/\/phone\.example:3000\/sign-in\?error=/);
  });

  it("keep the path and query, take the scheme a proxy says it was reached by, and ignore what is not a host", () => {
    const behindProxy = asAddressed(new NextRequest(`${listening}/api/auth/signin?callbackUrl=%2Fnow`, { headers: { host: "overlap.example", "x-forwarded-proto": "https" } }));
    expect(behindProxy.url).toBe("https://overlap.example/api/auth/signin?callbackUrl=%2Fnow");
    const odd = asAddressed(new NextRequest(`${listening}/api/auth/session`, { headers: { "x-forwarded-proto": "gopher", host: "a.example" } }));
    expect(odd.url).toBe("http://a.example/api/auth/session");
    const noHost = new NextRequest(`${listening}/api/auth/session`);
    noHost.headers.delete("host");
    expect(asAddressed(noHost).url).toBe(`${listening}/api/auth/session`);
  });
});
