/** 16-bit little-endian PCM bytes as samples. Copies, because decoded buffers are not always 2-byte aligned. */
export function pcmToSamples(bytes: Uint8Array): Int16Array {
  const even = bytes.length - (bytes.length % 2);
  const copy = new Uint8Array(even);
  copy.set(bytes.subarray(0, even));
  return new Int16Array(copy.buffer);
}

export function samplesToPcm(samples: Int16Array): Uint8Array {
  return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
}
