/**
 * Audio that looks like speech to the audio-driven viseme tracker, without a synthesiser: syllables of a voiced,
 * formant-shaped tone between short pauses, as long as the text would take to say. The fake TTS server answers with it.
 */
export function fakeSpeechSamples(text: string, sampleRate = 24_000): Int16Array {
  const syllables = Math.max(1, Math.round(text.replace(/[^a-z]/gi, "").length / 3));
  const syllableSamples = Math.round(sampleRate * 0.16);
  const pauseSamples = Math.round(sampleRate * 0.06);
  const lead = Math.round(sampleRate * 0.1);
  const samples = new Int16Array(lead * 2 + syllables * (syllableSamples + pauseSamples));
  let offset = lead;
  for (let syllable = 0; syllable < syllables; syllable++) {
    // Alternate open ("a": F1 high) and spread ("i": F2 high) vowels so more than one mouth shape appears.
    const [first, second] = syllable % 2 === 0 ? [750, 1200] : [300, 2300];
    for (let index = 0; index < syllableSamples; index++) {
      const time = index / sampleRate;
      const envelope = Math.sin((Math.PI * index) / syllableSamples);
      const pitch = 2 * Math.PI * 140 * time;
      const voice =
        0.5 * Math.sin(pitch) +
        0.35 * Math.sin(2 * Math.PI * first * time) +
        0.25 * Math.sin(2 * Math.PI * second * time);
      samples[offset + index] = Math.round(12_000 * envelope * voice);
    }
    offset += syllableSamples + pauseSamples;
  }
  return samples;
}

/** A canonical mono 16-bit WAV, as OpenAI's `response_format: "wav"` gives. */
export function wavBytes(samples: Int16Array, sampleRate: number): Buffer {
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + samples.length * 2, 4);
  header.write("WAVEfmt ", 8, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(samples.length * 2, 40);
  return Buffer.concat([header, pcmBytes(samples)]);
}

export function pcmBytes(samples: Int16Array): Buffer {
  const bytes = Buffer.alloc(samples.length * 2);
  for (const [index, sample] of samples.entries()) bytes.writeInt16LE(sample, index * 2);
  return bytes;
}
