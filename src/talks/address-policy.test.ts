import { describe, expect, it } from "vitest";
import { ipv6Words, isPublicAddress } from "./address-policy.js";

describe("the address policy for user-given URLs", () => {
  // Issue 12, case 5: each of these was classed as public.
  it.each([
    "::7f00:1", // IPv4-compatible 127.0.0.1
    "::127.0.0.1",
    "::ffff:0:7f00:1", // IPv4-translated 127.0.0.1
    "::ffff:0:127.0.0.1",
    "::ffff:7f00:1", // IPv4-mapped, hex spelling
    "::ffff:a9fe:a9fe", // mapped 169.254.169.254
    "2002:7f00:1::", // 6to4 of 127.0.0.1
    "2002:a00:1::1", // 6to4 of 10.0.0.1
    "64:ff9b:1::a00:1", // local-use NAT64
    "64:ff9b::7f00:1", // well-known NAT64
    "2001:0:4136:e378:8000:63bf:3fff:fdd2", // Teredo
    "fec0::1", // site-local
    "0:0:0:0:0:0:0:1",
    "::",
    "fe80::1%eth0",
  ])("refuses %s", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["2606:4700::1111", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8", "::ffff:0:808:808", "8.8.8.8"])(
    "allows the public address %s",
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );

  it("reads every spelling of an IPv6 address", () => {
    expect(ipv6Words("::1")).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(ipv6Words("::ffff:1.2.3.4")).toEqual([0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
    expect(ipv6Words("1:2:3:4:5:6:7:8")).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(ipv6Words("1::2::3")).toBeUndefined();
    expect(ipv6Words("1:2:3")).toBeUndefined();
  });
});
