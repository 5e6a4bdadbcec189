/** One phoneme of synthesised speech, with its span in ms from the start of the clip. */
export interface PhoneSegment {
  phone: string;
  start: number;
  end: number;
}

/** True for the phones that mean silence (pauses, breaths), which carry no word. */
export function isPause(phone: string): boolean {
  return phone === "pau" || phone === "h#" || phone === "brth" || phone === "sil";
}

/**
 * Phone segments from end times (seconds), the way flite's `-psdur` and most aligners report them: each segment
 * starts where the one before it ended.
 */
export function segmentsFromEndTimes(ends: { phone: string; end: number }[]): PhoneSegment[] {
  let start = 0;
  return ends.map(({ phone, end }) => {
    const segment = { phone, start: start * 1000, end: Math.max(start, end) * 1000 };
    start = Math.max(start, end);
    return segment;
  });
}
