import { randomFillSync } from "node:crypto";

// Crockford's base32 in lower case: no i, l, o or u to misread, and in ASCII order so ids sort as they encode.
const alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

function randomDigits(count: number): number[] {
  // 256 is a multiple of 32, so masking a random byte keeps every digit equally likely. randomFillSync, not
  // getRandomValues: the same generator without loading Web Crypto, a few ms of every `aitwin` start.
  return Array.from(randomFillSync(new Uint8Array(count)), (byte) => byte & 31);
}

function encode(digits: number[]): string {
  return digits.map((digit) => alphabet[digit]).join("");
}

/** A short random id a person can type: `tw_` and 10 base32 characters. */
export function newTwinId(): string {
  return `tw_${encode(randomDigits(10))}`;
}

let lastTime = -1;
let lastRandom: number[] = [];

/**
 * An id that sorts in creation order: the prefix, 10 characters of milliseconds since the epoch, then 8 random
 * characters. Within one millisecond (or if the clock steps back) the random part is incremented instead, so ids
 * made by this process never sort before an earlier one.
 */
export function sortableId(prefix: string): string {
  const now = Date.now();
  if (now > lastTime) {
    lastTime = now;
    lastRandom = randomDigits(8);
  } else if (!increment(lastRandom)) {
    lastTime += 1;
    lastRandom = randomDigits(8);
  }
  const time: number[] = [];
  for (let rest = lastTime, index = 0; index < 10; index++, rest = Math.floor(rest / 32))
    time.unshift(rest % 32);
  return `${prefix}${encode(time)}${encode(lastRandom)}`;
}

/** Adds one to a base32 number in place; false when it overflowed. */
function increment(digits: number[]): boolean {
  for (let index = digits.length - 1; index >= 0; index--) {
    const next = (digits[index] ?? 0) + 1;
    digits[index] = next % 32;
    if (next < 32) return true;
  }
  return false;
}
