import type { Canvas2D } from "./canvas-2d.js";
import { drawMouth } from "./draw-mouth.js";
import type { FaceState } from "./face-state.js";
import type { IllustratedLook } from "./illustrated-looks.js";

const FULL = Math.PI * 2;
const DEGREE = Math.PI / 180;

/**
 * Draws the illustrated twin for one frame on any Canvas2D, `size` pixels square. The head turns in 2.5D: features
 * slide across the face with yaw and pitch, which reads as rotation at these small angles.
 */
export function drawIllustrated(
  context: Canvas2D,
  look: IllustratedLook,
  state: FaceState,
  size: number,
): void {
  context.save();
  context.scale(size, size);
  context.fillStyle = look.background;
  context.fillRect(0, 0, 1, 1);
  drawShoulders(context, look, state);

  const { head } = state;
  context.translate(0.5 + head.x, 0.47 + head.y);
  context.rotate(head.roll * DEGREE);
  const turnX = head.yaw * 0.004;
  const turnY = head.pitch * 0.004;
  const chinDrop = state.mouth.jaw * 0.03;

  if (look.hairStyle === "bun") ellipse(context, look.hair, turnX * 0.3, -0.36, 0.11, 0.09);
  if (look.hairStyle === "bob") ellipse(context, look.hair, 0, 0.02, 0.34, 0.4);
  ellipse(context, look.skinShadow, -0.29 + turnX * 0.5, 0.02, 0.045, 0.07);
  ellipse(context, look.skinShadow, 0.29 + turnX * 0.5, 0.02, 0.045, 0.07);
  drawFaceShape(context, look.skin, chinDrop);
  drawHair(context, look, turnX);

  context.save();
  context.translate(turnX, turnY);
  for (const side of [-1, 1]) drawEye(context, look, state, side * 0.115, -0.02);
  drawBrows(context, look, state);
  drawNose(context, look);
  ellipse(context, "rgba(230, 110, 110, 0.18)", -0.17, 0.11, 0.055, 0.035);
  ellipse(context, "rgba(230, 110, 110, 0.18)", 0.17, 0.11, 0.055, 0.035);
  context.translate(0, 0.2 + chinDrop * 0.5);
  drawMouth(context, look, state.mouth, state.expression?.smile ?? 0);
  context.restore();

  context.restore();
}

function ellipse(context: Canvas2D, color: string, x: number, y: number, rx: number, ry: number): void {
  context.fillStyle = color;
  context.beginPath();
  context.ellipse(x, y, rx, ry, 0, 0, FULL);
  context.fill();
}

function drawShoulders(context: Canvas2D, look: IllustratedLook, state: FaceState): void {
  const x = 0.5 + state.head.x * 0.3;
  context.fillStyle = look.skinShadow;
  context.fillRect(x - 0.07, 0.72, 0.14, 0.14);
  context.fillStyle = look.shirt;
  context.beginPath();
  context.moveTo(x - 0.42, 1);
  context.bezierCurveTo(x - 0.4, 0.86, x - 0.2, 0.82, x, 0.82);
  context.bezierCurveTo(x + 0.2, 0.82, x + 0.4, 0.86, x + 0.42, 1);
  context.closePath();
  context.fill();
}

/** An egg-shaped face whose chin follows the jaw. */
function drawFaceShape(context: Canvas2D, skin: string, chinDrop: number): void {
  const chin = 0.38 + chinDrop;
  context.fillStyle = skin;
  context.beginPath();
  context.moveTo(-0.28, 0);
  context.bezierCurveTo(-0.28, -0.42, 0.28, -0.42, 0.28, 0);
  context.bezierCurveTo(0.28, chin * 0.6, 0.14, chin, 0, chin);
  context.bezierCurveTo(-0.14, chin, -0.28, chin * 0.6, -0.28, 0);
  context.fill();
}

function drawHair(context: Canvas2D, look: IllustratedLook, turnX: number): void {
  context.fillStyle = look.hair;
  context.beginPath();
  context.moveTo(-0.3, 0.02);
  context.bezierCurveTo(-0.34, -0.45, 0.34, -0.45, 0.3, 0.02);
  if (look.hairStyle === "short") {
    context.bezierCurveTo(0.27, -0.12, 0.2, -0.2, 0.1 + turnX, -0.2);
    context.quadraticCurveTo(-0.12 + turnX, -0.24, -0.27, -0.08);
  } else {
    context.bezierCurveTo(0.26, -0.2, 0.05 + turnX, -0.26, -0.02 + turnX, -0.14);
    context.bezierCurveTo(-0.08 + turnX, -0.24, -0.26, -0.2, -0.3, 0.02);
  }
  context.closePath();
  context.fill();
}

function drawEye(context: Canvas2D, look: IllustratedLook, state: FaceState, x: number, y: number): void {
  context.save();
  context.beginPath();
  context.ellipse(x, y, 0.055, 0.04, 0, 0, FULL);
  context.fillStyle = "#ffffff";
  context.fill();
  context.clip();
  const irisX = x + state.gaze.x * 0.025;
  const irisY = y + state.gaze.y * 0.015;
  ellipse(context, look.iris, irisX, irisY, 0.027, 0.027);
  ellipse(context, "#111111", irisX, irisY, 0.012, 0.012);
  ellipse(context, "rgba(255,255,255,0.85)", irisX + 0.008, irisY - 0.009, 0.006, 0.006);
  // The eyelid comes down from above; it never fully hides the lash line, as real lids do not.
  const lid = 0.1 * Math.min(1, state.eyelids * 1.05);
  context.fillStyle = look.skin;
  context.fillRect(x - 0.06, y - 0.05, 0.12, 0.01 + lid);
  context.restore();
  context.strokeStyle = "#2b1d14";
  context.lineWidth = 0.006;
  context.lineCap = "round";
  context.beginPath();
  const lidY = y - 0.04 + 0.08 * state.eyelids;
  context.moveTo(x - 0.058, y);
  context.quadraticCurveTo(x, lidY - 0.04 * (1 - state.eyelids), x + 0.058, y);
  context.stroke();
  if (look.glasses) {
    context.strokeStyle = "#222222";
    context.lineWidth = 0.008;
    context.beginPath();
    context.ellipse(x, y, 0.08, 0.065, 0, 0, FULL);
    context.stroke();
  }
}

function drawBrows(context: Canvas2D, look: IllustratedLook, state: FaceState): void {
  // Brows lift a little with open vowels and while speaking: one of the cues people read as expressive speech.
  // Mood and emphasis (expression.brows) raise them further, or draw them down and in.
  const brows = state.expression?.brows ?? 0;
  const lift = 0.012 * state.mouth.jaw + 0.006 * state.activity + 0.02 * brows;
  context.strokeStyle = look.hair;
  context.lineWidth = 0.014;
  context.lineCap = "round";
  for (const side of [-1, 1]) {
    context.beginPath();
    context.moveTo(side * 0.06, -0.095 - lift);
    context.quadraticCurveTo(side * 0.12, -0.125 - lift * 1.5, side * 0.17, -0.1 - lift);
    context.stroke();
  }
}

function drawNose(context: Canvas2D, look: IllustratedLook): void {
  context.strokeStyle = look.skinShadow;
  context.lineWidth = 0.01;
  context.lineCap = "round";
  context.beginPath();
  context.moveTo(0.005, 0.02);
  context.quadraticCurveTo(0.03, 0.09, -0.01, 0.1);
  context.stroke();
}
