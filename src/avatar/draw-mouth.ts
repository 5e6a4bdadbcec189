import type { Canvas2D } from "./canvas-2d.js";
import type { IllustratedLook } from "./illustrated-looks.js";
import type { MouthShape } from "./mouth-shapes.js";

/**
 * The illustrated mouth at the origin, with the photo mouth's anatomy: a cavity shaded from the lips' red to a dark
 * throat, upper teeth, a tongue, lower teeth on open vowels, lips around it. Rounded visemes narrow the corners and make the opening rounder.
 */
export function drawMouth(context: Canvas2D, look: IllustratedLook, mouth: MouthShape, smile = 0): void {
  // A smile lifts the corners (a frown drops them); the opening's height stays the viseme's.
  const corner = -0.014 * smile;
  const halfWidth = 0.075 * (1 + 0.3 * mouth.wide);
  const height = 0.006 + 0.12 * (0.6 * mouth.jaw + 0.4 * mouth.open) + Math.max(0, -mouth.wide) * 0.02;
  const top = -height * 0.35;
  const bottom = height * 0.65;
  const lip = 0.014;

  cavityPath(context, halfWidth + lip * 0.6, top - lip, bottom + lip, corner);
  context.fillStyle = look.lips;
  context.fill();

  context.save();
  cavityPath(context, halfWidth, top, bottom, corner);
  // The cavity: the inner lips' warm red at its rim, darker towards the throat (two nested, softer fills).
  context.fillStyle = "#6a2128";
  context.fill();
  context.clip();
  context.fillStyle = "#3a1016";
  context.beginPath();
  context.ellipse(0, (top + bottom) * 0.3, halfWidth * 0.82, height * 0.42, 0, 0, Math.PI * 2);
  context.fill();
  context.fillStyle = "#1e070b";
  context.beginPath();
  context.ellipse(0, (top + bottom) * 0.25, halfWidth * 0.55, height * 0.26, 0, 0, Math.PI * 2);
  context.fill();
  // Tongue: low on open vowels, its tip raised for th, d, n, l.
  context.fillStyle = "#c4525e";
  context.beginPath();
  context.ellipse(0, bottom, halfWidth * 0.6, height * (0.3 + 0.45 * mouth.tongue), 0, 0, Math.PI * 2);
  context.fill();
  const teethHeight = Math.min(height * 0.45, 0.022) * (0.35 + 0.65 * mouth.teeth);
  context.fillStyle = "#f4f1ea";
  context.fillRect(-halfWidth, top - 0.01, halfWidth * 2, teethHeight + 0.01);
  // Lower teeth, in the mouth's shadow, as the jaw drops.
  const lowerTeeth = Math.min(height * 0.28, 0.016) * Math.min(1, Math.max(0, (mouth.jaw - 0.2) / 0.4));
  if (lowerTeeth > 0) {
    context.fillStyle = "#d6d0c4";
    context.beginPath();
    context.ellipse(0, bottom + 0.004, halfWidth * 0.7, lowerTeeth + 0.004, 0, Math.PI, Math.PI * 2);
    context.fill();
  }
  context.restore();
}

/** Two curves corner to corner; quadratic control points sit at twice the peak so the peak lands where asked. */
function cavityPath(context: Canvas2D, halfWidth: number, top: number, bottom: number, corner: number): void {
  context.beginPath();
  context.moveTo(-halfWidth, corner);
  context.quadraticCurveTo(0, top * 2 - corner, halfWidth, corner);
  context.quadraticCurveTo(0, bottom * 2 - corner, -halfWidth, corner);
  context.closePath();
}
