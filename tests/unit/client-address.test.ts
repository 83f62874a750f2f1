import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedHops } from "@/scripts/lib/client-address.mjs";

describe("clientAddress", () => {
  it("uses the TCP peer when no proxy is trusted, whatever the client wrote in X-Forwarded-For", () => {
    expect(clientAddress(undefined, "203.0.113.7", 0)).toBe("203.0.113.7");
    expect(clientAddress("1.2.3.4", "203.0.113.7", 0)).toBe("203.0.113.7");
    expect(clientAddress("1.2.3.4, 5.6.7.8", "203.0.113.7", 0)).toBe("203.0.113.7");
  });

  it("behind one proxy, takes the address that proxy appended, not the client's made-up ones", () => {
    // client sent "1.2.3.4"; our proxy (10.0.0.2) appended the real peer 198.51.100.9
    expect(clientAddress("1.2.3.4, 198.51.100.9", "10.0.0.2", 1)).toBe("198.51.100.9");
    expect(clientAddress("198.51.100.9", "10.0.0.2", 1)).toBe("198.51.100.9");
  });

  it("behind two proxies, skips both", () => {
    expect(clientAddress("6.6.6.6, 198.51.100.9, 10.0.0.1", "10.0.0.2", 2)).toBe("198.51.100.9");
  });

  it("never walks past the left end when fewer hops arrived than configured", () => {
    expect(clientAddress(undefined, "10.0.0.2", 3)).toBe("10.0.0.2");
    expect(clientAddress(["a", "b"], undefined, 5)).toBe("a");
  });
});

describe("parseTrustedHops", () => {
  it("defaults to 0 and accepts small whole numbers", () => {
    expect(parseTrustedHops(undefined)).toBe(0);
    expect(parseTrustedHops("")).toBe(0);
    expect(parseTrustedHops("2")).toBe(2);
  });

  it.each(["-1", "1.5", "yes", "99"])("refuses %s", (value) => {
    expect(() => parseTrustedHops(value)).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});
