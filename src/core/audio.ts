/** Mono 16-bit PCM: the one audio shape that flows between stages. Encoded formats are converted at the edges. */
export interface AudioClip {
  sampleRate: number;
  samples: Int16Array;
}

export function audioDurationMs(clip: AudioClip): number {
  return (clip.samples.length / clip.sampleRate) * 1000;
}

/** Audio as it arrives from outside (a file, an upload, a cloud TTS response), before decoding. */
export interface EncodedAudio {
  data: Uint8Array;
  /** e.g. "audio/wav", "audio/mpeg"; sniffed when absent. */
  mimeType?: string;
}
