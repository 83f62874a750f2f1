import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config.js";
import { pagePolicy, securityHeaders } from "@/lib/security-headers.js";

// The e2e suite sees only the production build's headers (tests/e2e/security-headers.spec.ts): what
// differs in development is checked here.

describe("a page's Content Security Policy", () => {
  it("allows eval and inline styles in development only, where React and Next's overlay need them", () => {
    const production = pagePolicy("bm9uY2U=", { development: false });
    expect(production).toContain("script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic';");
    expect(production).toContain("style-src 'self';");
    expect(production).not.toMatch(/unsafe/);

    const development = pagePolicy("bm9uY2U=", { development: true });
    expect(development).toContain("script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic' 'unsafe-eval';");
    expect(development).toContain("style-src 'self' 'unsafe-inline';");
  });

  it("keeps the rules that hold whatever the mode", () => {
    for (const development of [false, true]) {
      const policy = pagePolicy("bm9uY2U=", { development });
      for (const directive of [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "worker-src 'self'",
      ]) {
        expect(policy.split("; ")).toContain(directive);
      }
    }
  });
});

describe("static security headers", () => {
  it("send HSTS in production only", () => {
    const hsts = (production: boolean) => securityHeaders({ production }).find(({ key }) => key === "Strict-Transport-Security")?.value;
    expect(hsts(true)).toBe("max-age=63072000; includeSubDomains");
    expect(hsts(false)).toBeUndefined();
  });

  it("allow the offline page exactly its own inline script and style", async () => {
    const routes = await nextConfig.headers!();
    const policy = routes.find(({ source }) => source === "/offline.html")?.headers.find(({ key }) => key === "Content-Security-Policy")?.value;
    const html = readFileSync("public/offline.html", "utf8");
    const hash = (tag: string) =>
      createHash("sha256")
        .update(html.split(`<${tag}>`)[1]!.split(`</${tag}>`)[0]!)
        .digest("base64");
    expect(policy).toContain(`script-src 'sha256-${hash("script")}';`);
    expect(policy).toContain(`style-src 'sha256-${hash("style")}';`);
    expect(policy).toMatch(/^default-src 'none';/);
  });
});
