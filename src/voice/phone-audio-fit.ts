import { type AudioClip, audioDurationMs } from "../core/audio.js";
import { isPause, type PhoneSegment } from "./phone-segments.js";

/**
 * How far a pause boundary may be moved to meet the audio. Small, because energy edges are themselves late for weak
 * sounds (h, f, p): checked against PocketSphinx's own alignment, flite's reported times are already within ~20 ms.
 */
const SNAP_WINDOW_MS = 20;

/**
 * Fits a synthesiser's phone timing to the audio it actually produced. Concatenative voices (flite's diphone kal16)
 * report target durations that drift from the joined waveform, and every voice's last pause can be cut short; so the
 * edges between pauses and speech are moved to where the audio's energy actually starts and stops, the phones between
 * them are stretched to fit, and nothing runs past the end of the clip.
 */
export function fitPhonesToAudio(segments: PhoneSegment[], clip: AudioClip): PhoneSegment[] {
  const last = segments.at(-1);
  if (!last) return [];
  const duration = audioDurationMs(clip);
  const edges = soundEdges(clip);
  const anchors: [from: number, to: number][] = [[0, 0]];
  segments.forEach((segment, index) => {
    const next = segments[index + 1];
    if (!next || isPause(segment.phone) === isPause(next.phone)) return;
    const wanted = isPause(segment.phone) ? "onset" : "offset";
    const nearest = nearestEdge(edges, segment.end, wanted);
    const to = nearest ?? segment.end;
    const previous = anchors.at(-1) as [number, number];
    if (segment.end > previous[0] && to > previous[1] && to < duration) anchors.push([segment.end, to]);
  });
  const previous = anchors.at(-1) as [number, number];
  anchors.push([Math.max(last.end, previous[0] + 1), Math.max(duration, previous[1] + 1)]);
  const warp = (time: number) => Math.min(duration, interpolate(anchors, time));
  return segments.map((segment) => ({
    phone: segment.phone,
    start: warp(segment.start),
    end: warp(segment.end),
  }));
}

interface Edge {
  time: number;
  kind: "onset" | "offset";
}

/**
 * Where sound starts (onset) and stops (offset): 5 ms frame loudness crossing 30 dB below the clip's peak. Only the
 * frames' RMS is needed, so it is summed here directly rather than by the full frame analyser (bands, crossings),
 * which cost more than flite's own synthesis for the diphone voice.
 */
function soundEdges(clip: AudioClip): Edge[] {
  const frameSamples = Math.max(1, Math.round(clip.sampleRate * 0.005));
  const frameMs = (frameSamples / clip.sampleRate) * 1000;
  const count = Math.floor(clip.samples.length / frameSamples);
  const energy = new Float64Array(count);
  let peak = 0;
  for (let frame = 0; frame < count; frame++) {
    let sum = 0;
    for (let index = frame * frameSamples, end = index + frameSamples; index < end; index++) {
      const x = clip.samples[index] as number;
      sum += x * x;
    }
    energy[frame] = sum;
    if (sum > peak) peak = sum;
  }
  // Compared as energies: rms > 0.03 × peak rms, with a floor of 1e-4 of full scale for a silent clip.
  const floor = (1e-4 * 32768) ** 2 * frameSamples;
  const threshold = Math.max(peak, floor) * 0.03 ** 2;
  const edges: Edge[] = [];
  let sounding = false;
  for (let frame = 0; frame < count; frame++) {
    const loud = (energy[frame] as number) > threshold;
    if (loud !== sounding) edges.push({ time: frame * frameMs, kind: loud ? "onset" : "offset" });
    sounding = loud;
  }
  return edges;
}

function nearestEdge(edges: Edge[], time: number, kind: Edge["kind"]): number | undefined {
  let best: number | undefined;
  for (const edge of edges) {
    if (edge.kind !== kind || Math.abs(edge.time - time) > SNAP_WINDOW_MS) continue;
    if (best === undefined || Math.abs(edge.time - time) < Math.abs(best - time)) best = edge.time;
  }
  return best;
}

function interpolate(anchors: [number, number][], time: number): number {
  for (let index = 1; index < anchors.length; index++) {
    const [fromA, toA] = anchors[index - 1] as [number, number];
    const [fromB, toB] = anchors[index] as [number, number];
    if (time <= fromB) return toA + ((time - fromA) * (toB - toA)) / (fromB - fromA);
  }
  const [from, to] = anchors.at(-1) as [number, number];
  return to + (time - from);
}
