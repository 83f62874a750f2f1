import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { handlers } from "@/lib/server/auth/auth";
import { asAddressed, withoutBadCallbackUrls } from "@/lib/server/auth/auth-request";

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
    const behindProxy = asAddressed(
      new NextRequest(`${listening}/api/auth/signin?callbackUrl=%2Fnow`, { headers: { host: "overlap.example", "x-forwarded-proto": "https" } }),
    );
    expect(behindProxy.url).toBe("https://overlap.example/api/auth/signin?callbackUrl=%2Fnow");
    const odd = asAddressed(new NextRequest(`${listening}/api/auth/session`, { headers: { "x-forwarded-proto": "gopher", host: "a.example" } }));
    expect(odd.url).toBe("http://a.example/api/auth/session");
    const noHost = new NextRequest(`${listening}/api/auth/session`);
    noHost.headers.delete("host");
    expect(asAddressed(noHost).url).toBe(`${listening}/api/auth/session`);
  });

  it("drop a callback URL Auth.js would answer with a 500, from the query or a cookie, and keep the rest", async () => {
    for (const bad of ["-1", "%00", "javascript:alert(1)", "ftp://x.example/"]) {
      const request = new NextRequest(`http://localhost:3000/api/auth/csrf?callbackUrl=${encodeURIComponent(bad)}&x=1`, {
        headers: { host: "localhost:3000", cookie: `a=1; authjs.callback-url=${encodeURIComponent(bad)}; authjs.session-token=abc.def` },
      });
      const cleaned = withoutBadCallbackUrls(request);
      expect(cleaned.nextUrl.searchParams.get("callbackUrl")).toBeNull();
      expect(cleaned.nextUrl.searchParams.get("x")).toBe("1");
      expect(cleaned.headers.get("cookie")).toBe("a=1; authjs.session-token=abc.def");
      expect((await handlers.GET(request)).status).toBe(200);
    }
    // Not even percent-decodable: Auth.js keeps it raw and rejects it.
    const raw = new NextRequest("http://localhost:3000/api/auth/session", { headers: { host: "localhost:3000", cookie: "authjs.callback-url=%ff; b=2" } });
    expect(withoutBadCallbackUrls(raw).headers.get("cookie")).toBe("b=2");
    expect((await handlers.GET(raw)).status).toBe(200);
    const good = new NextRequest("http://localhost:3000/api/auth/csrf?callbackUrl=%2Fnow", {
      headers: { host: "localhost:3000", cookie: "authjs.callback-url=%2Ffriends" },
    });
    expect(withoutBadCallbackUrls(good)).toBe(good);
  });
});
