import { type FaceMotion, MOODS, MOTION_RANGES } from "../../src/core/face-motion.js";

const SLIDERS = [
  { key: "headMotion", label: "Head motion", fallback: 1 },
  { key: "blinkRate", label: "Blink rate", fallback: 1 },
  { key: "expressiveness", label: "Expressiveness", fallback: 1 },
  { key: "stillness", label: "Stillness", fallback: 0 },
] as const;

/**
 * How the twin's face moves, in the persona form: its resting mood and four sliders (head motion, blink rate,
 * expressiveness, stillness). Built into the form ahead of its Save button, so the page's markup stays as it was;
 * the form's save sends `value()` as the twin's `motion`.
 */
export class FaceMotionControls {
  private readonly mood: HTMLSelectElement;
  private readonly sliders = new Map<(typeof SLIDERS)[number]["key"], HTMLInputElement>();

  constructor(form: HTMLFormElement) {
    const group = document.createElement("fieldset");
    group.className = "face-motion";
    const legend = document.createElement("legend");
    legend.textContent = "How the face moves";
    group.append(legend);
    this.mood = document.createElement("select");
    this.mood.id = "face-mood";
    this.mood.name = "mood";
    for (const mood of MOODS) this.mood.append(new Option(mood[0]?.toUpperCase() + mood.slice(1), mood));
    group.append(labelFor("face-mood", "Mood"), this.mood);
    for (const { key, label } of SLIDERS) {
      const input = document.createElement("input");
      input.type = "range";
      input.id = `face-${key}`;
      input.name = key;
      input.min = String(MOTION_RANGES[key].min);
      input.max = String(MOTION_RANGES[key].max);
      input.step = "0.1";
      this.sliders.set(key, input);
      group.append(labelFor(input.id, label), input);
    }
    const save = form.querySelector('button[type="submit"]');
    if (save) save.before(group);
    else form.append(group);
  }

  show(motion: FaceMotion = {}): void {
    this.mood.value = motion.mood ?? "neutral";
    for (const { key, fallback } of SLIDERS) {
      (this.sliders.get(key) as HTMLInputElement).value = String(motion[key] ?? fallback);
    }
  }

  value(): FaceMotion {
    const motion: FaceMotion = { mood: this.mood.value as FaceMotion["mood"] };
    for (const { key } of SLIDERS) motion[key] = Number((this.sliders.get(key) as HTMLInputElement).value);
    return motion;
  }
}

function labelFor(id: string, text: string): HTMLLabelElement {
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = text;
  return label;
}
