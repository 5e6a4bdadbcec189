import type { MouthShape } from "./mouth-shapes.js";

/**
 * The drawn inside of an open mouth, one column at a time: what shows in the space the lips opened beyond the photo's
 * own. From the upper lip down: upper teeth (only where the photo's mouth was closed, so there are none of its own),
 * the dark cavity, the tongue rising from the floor of the mouth (its tip lifted for th/d/n/l), lower teeth in front of
 * it on open vowels. Every layer meets the next over about a pixel, so no edge is a hard step, and every size follows
 * the opening in pixels, so 256 px and 1024 px frames show the same mouth.
 */
export interface InsideColumn {
  /** Height of the newly opened space in this column, pixels. */
  height: number;
  /** 1 in the middle of the mouth, 0 at its corners. */
  middle: number;
  /** Upper and lower teeth heights in this column, pixels (0 where not drawn). */
  upperTeeth: number;
  lowerTeeth: number;
  /** Depth below the opening's top where the tongue's surface is, pixels (past `height`: no tongue here). */
  tongueTop: number;
  /** Tooth rows' phase across the mouth: whole numbers fall between two teeth. */
  toothPhase: number;
  /** Whether the opening's top and bottom edges are the lips themselves (else the photo's teeth hang there). */
  lipAbove: boolean;
  lipBelow: boolean;
}

/** What this face's mouth shows, beyond the lip geometry. */
export interface InsideLayers {
  /** Draw upper teeth (the photo's mouth is closed), and lower teeth (the photo shows none of its own). */
  upperTeeth: boolean;
  lowerTeeth: boolean;
  /** Tallest tooth, pixels: a little over a twentieth of the face's height. */
  teethMax: number;
  /** RGB of the teeth: the photo's own where it shows them. */
  teethColour: readonly [number, number, number];
}

export function emptyColumn(): InsideColumn {
  return {
    height: 0,
    middle: 0,
    upperTeeth: 0,
    lowerTeeth: 0,
    tongueTop: 0,
    toothPhase: 0,
    lipAbove: true,
    lipBelow: true,
  };
}

export function insideColumn(
  height: number,
  across: number,
  edges: { lipAbove: boolean; lipBelow: boolean },
  mouth: MouthShape,
  layers: InsideLayers,
  into: InsideColumn,
): InsideColumn {
  // Teeth and tongue are narrower than the lips and fall away towards the corners.
  const middle = Math.sin(Math.PI * clamp01(across));
  into.height = height;
  into.middle = middle;
  into.lipAbove = edges.lipAbove;
  into.lipBelow = edges.lipBelow;
  // Teeth about a ninth of the opening's width each, the gap between the two front ones in the middle.
  const phase = (across - 0.5) / 0.115;
  into.toothPhase = phase;
  into.upperTeeth = layers.upperTeeth
    ? Math.min(height * 0.42, layers.teethMax) * (0.55 + 0.45 * mouth.teeth) * Math.sqrt(middle)
    : 0;
  // Lower teeth show as the jaw drops (open vowels), each tooth's tip rounded.
  const tip = Math.sqrt(Math.max(0, 1 - (2 * (phase - Math.floor(phase)) - 1) ** 2));
  into.lowerTeeth = layers.lowerTeeth
    ? Math.min(height * 0.28, layers.teethMax * 0.7) *
      smooth(0.2, 0.6, mouth.jaw) *
      middle ** 0.7 *
      (0.8 + 0.2 * tip)
    : 0;
  const tongueWidth = Math.max(0, 1 - ((across - 0.5) / 0.4) ** 2);
  const tongueRise = (0.3 + 0.12 * mouth.jaw + 0.45 * mouth.tongue) * Math.sqrt(tongueWidth);
  into.tongueTop = tongueWidth > 0 ? height * (1 - tongueRise) : height * 2;
  return into;
}

/** RGB of the inside at `depth` pixels below the opening's top, in `column`, written to `colour`. */
export function insideColour(
  column: InsideColumn,
  layers: InsideLayers,
  depth: number,
  colour: Float64Array,
): void {
  const { height, middle } = column;
  // The cavity: near-black deep in the throat, warming to the inner lips' red along the lips and at the corners
  // (in the shadow under the upper teeth it stays dark).
  const soft = 1 + 0.1 * height;
  const fromLip = Math.min(
    column.lipAbove ? Math.max(0, depth) : Number.POSITIVE_INFINITY,
    column.lipBelow ? Math.max(0, height - depth) : Number.POSITIVE_INFINITY,
  );
  const rim = Math.max(Math.exp(-fromLip / soft), (1 - middle) ** 3);
  let red = 26 + 70 * rim;
  let green = 8 + 22 * rim;
  let blue = 11 + 24 * rim;

  const tongue = clamp01(depth - column.tongueTop + 0.5);
  if (tongue > 0) {
    // Lit from the front: brightest along its middle and at its front, darker at its sides.
    const shade = (0.5 + 0.5 * Math.sqrt(middle)) * (0.8 + 0.2 * clamp01((depth - column.tongueTop) / soft));
    red = mix(red, 176 * shade, tongue);
    green = mix(green, 78 * shade, tongue);
    blue = mix(blue, 84 * shade, tongue);
  }
  // Indexed, not destructured: this runs for every pixel of the opening.
  const teethRed = layers.teethColour[0];
  const teethGreen = layers.teethColour[1];
  const teethBlue = layers.teethColour[2];
  const lower = clamp01(column.lowerTeeth - (height - depth) + 0.5);
  if (lower > 0) {
    // In the mouth's shadow, greyer towards the corners.
    const shade = (0.55 + 0.3 * middle) * toothEdge(column.toothPhase);
    red = mix(red, teethRed * shade, lower);
    green = mix(green, teethGreen * shade, lower);
    blue = mix(blue, teethBlue * shade, lower);
  }
  const upper = clamp01(column.upperTeeth - depth + 0.5);
  if (upper > 0) {
    const shade = (0.62 + 0.38 * middle) * (0.8 + 0.2 * clamp01(depth / soft)) * toothEdge(column.toothPhase);
    red = mix(red, teethRed * shade, upper);
    green = mix(green, teethGreen * shade, upper);
    blue = mix(blue, teethBlue * shade, upper);
  }
  colour[0] = red;
  colour[1] = green;
  colour[2] = blue;
}

/** Slightly darker where two teeth meet (phase near a whole number). */
function toothEdge(phase: number): number {
  const fromGap = Math.abs(phase - Math.round(phase));
  return 0.9 + 0.1 * Math.min(1, fromGap * 6);
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

function mix(from: number, to: number, amount: number): number {
  return from + (to - from) * amount;
}

function smooth(edge0: number, edge1: number, x: number): number {
  const t = clamp01((x - edge0) / (edge1 - edge0));
  return t * t * (3 - 2 * t);
}
