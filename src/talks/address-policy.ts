import { BlockList, isIP } from "node:net";

/**
 * Addresses a user-given URL must never reach: this host, private networks, link-local (cloud metadata at
 * 169.254.169.254 and fd00:ec2::254), carrier-grade NAT, multicast and reserved ranges, in IPv4 and IPv6.
 */
const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  // IPv4-compatible (deprecated, ::a.b.c.d, which includes :: and ::1): nothing legitimate is reached this way.
  ["::", 96],
  // NAT64, well-known and local-use (RFC 6052, RFC 8215): a gateway would carry them to any IPv4 address.
  ["64:ff9b::", 96],
  ["64:ff9b:1::", 48],
  ["100::", 64],
  // Teredo and 6to4 tunnel to IPv4 addresses written inside them; both are obsolete for real services.
  ["2001::", 32],
  ["2002::", 16],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const) {
  blocked.addSubnet(network, prefix, "ipv6");
}

/** True when `address` (an IP literal) is one a user-given URL may reach. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !blocked.check(address, "ipv4");
  if (family !== 6) return false;
  const words = ipv6Words(address);
  if (!words) return false;
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-translated (::ffff:0:a.b.c.d, RFC 2765) are IPv4 addresses in disguise.
  const zero = (from: number, to: number) => words.slice(from, to).every((word) => word === 0);
  const mapped = zero(0, 5) && words[5] === 0xffff;
  const translated = zero(0, 4) && words[4] === 0xffff && words[5] === 0;
  if (mapped || translated) return isPublicAddress(ipv4Of(words));
  return !blocked.check(words.map((word) => word.toString(16)).join(":"), "ipv6");
}

/** The eight 16-bit words of an IPv6 literal, in any of its spellings (`::`, embedded dotted quad, zone id refused). */
export function ipv6Words(address: string): number[] | undefined {
  if (address.includes("%")) return undefined;
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const bytes = dotted.split(".").map(Number);
    if (bytes.some((byte) => byte > 255)) return undefined;
    const [a = 0, b = 0, c = 0, d = 0] = bytes;
    text = `${text.slice(0, -dotted.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail, ...rest] = text.split("::");
  if (rest.length > 0) return undefined;
  const parse = (part: string) =>
    part === "" ? [] : part.split(":").map((word) => Number.parseInt(word, 16));
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  const missing = 8 - front.length - back.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const words = [...front, ...Array<number>(tail === undefined ? 0 : missing).fill(0), ...back];
  return words.every((word) => Number.isInteger(word) && word >= 0 && word <= 0xffff) ? words : undefined;
}

function ipv4Of(words: number[]): string {
  const high = words[6] ?? 0;
  const low = words[7] ?? 0;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
}
