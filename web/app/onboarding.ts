import { DEFAULT_TWIN } from "../../src/app/default-twin.js";
import type { TwinProfile } from "../../src/core/twin.js";

export interface OnboardingHooks {
  /** Sends a suggested prompt as the person's message. */
  send(text: string): void;
  /** Says the greeting aloud (it is shown on the page whether or not it can be heard). */
  greet(text: string): void;
  pickPhoto(): void;
  startInterview(): void;
  chooseVoice(): void;
}

/** Things to try on an empty conversation; each is sent as it reads. */
export const SUGGESTED_PROMPTS = [
  "Who are you?",
  "What can you do?",
  "Remember that my favourite food is ramen",
  "What do you know about me?",
];

// Not pointerdown: the greeting appearing between press and release would move what is being clicked.
const GESTURES = ["click", "keydown"];

interface Step {
  id: string;
  label: string;
  action: string;
  done(twin: TwinProfile): boolean;
  run(hooks: OnboardingHooks): void;
}

const seed = DEFAULT_TWIN.persona;
/** The default twin still says what it was seeded with, not who the person is. */
const isSeeded = (twin: TwinProfile) =>
  twin.name === DEFAULT_TWIN.name &&
  (twin.persona.biography === seed?.biography || twin.persona.biography === "") &&
  twin.persona.facts.every((fact) => seed?.facts?.includes(fact));

const STEPS: Step[] = [
  {
    id: "photo",
    label: "Your photo as the face",
    action: "Add a photo",
    done: (twin) => twin.face.kind === "photo",
    run: (hooks) => hooks.pickPhoto(),
  },
  {
    id: "story",
    label: "Your name and story",
    action: "Start the interview",
    done: (twin) => !isSeeded(twin),
    run: (hooks) => hooks.startInterview(),
  },
  {
    id: "voice",
    label: "Your voice",
    action: "Choose a voice",
    done: (twin) => Boolean(twin.voice.id),
    run: (hooks) => hooks.chooseVoice(),
  },
];

/** What the twin says the first time the person interacts with an empty conversation. */
export function greetingFor(twin: TwinProfile): string {
  return isSeeded(twin)
    ? `Hi! I'm ${twin.name}, your twin-to-be. Ask me anything, or make me you: give me your photo, tell me your story in the interview, and pick my voice.`
    : `Hi, it's ${twin.name}. What shall we talk about?`;
}

/**
 * The first five minutes: a greeting on the first interaction, suggested prompts while the conversation is empty,
 * and the "make it you" checklist (photo, name and story, voice), each step done in place and ticked off as the
 * twin changes. The whole section goes once the conversation has started and every step is done.
 */
export class Onboarding {
  private twin: TwinProfile | undefined;
  private greeted = false;

  constructor(
    private readonly elements: {
      section: HTMLElement;
      greeting: HTMLElement;
      suggestions: HTMLElement;
      checklist: HTMLElement;
      turns: HTMLElement;
    },
    private readonly hooks: OnboardingHooks,
  ) {
    elements.suggestions.replaceChildren(
      ...SUGGESTED_PROMPTS.map((prompt) => {
        const item = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = prompt;
        button.addEventListener("click", () => hooks.send(prompt));
        item.append(button);
        return item;
      }),
    );
    new MutationObserver(() => this.render()).observe(elements.turns, { childList: true });
    const greetOnce = (event: Event) => {
      for (const gesture of GESTURES) document.removeEventListener(gesture, greetOnce, true);
      // Someone who starts by typing or talking is under way already: the greeting is shown as the twin's first
      // line, above their turn, but not said over them nor before their answer.
      const target = event.target instanceof Element ? event.target : undefined;
      this.greet({ aloud: !target?.closest("#message-form, .voice-controls") });
    };
    for (const gesture of GESTURES) document.addEventListener(gesture, greetOnce, true);
  }

  show(twin: TwinProfile): void {
    this.twin = twin;
    this.elements.checklist.replaceChildren(...STEPS.map((step) => this.stepItem(step, twin)));
    this.render();
  }

  private stepItem(step: Step, twin: TwinProfile): HTMLLIElement {
    const item = document.createElement("li");
    item.dataset.step = step.id;
    const done = step.done(twin);
    item.toggleAttribute("data-done", done);
    const label = document.createElement("span");
    label.textContent = done ? `${step.label}: done` : step.label;
    item.append(label);
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = done ? "Change" : step.action;
    button.addEventListener("click", () => step.run(this.hooks));
    item.append(button);
    return item;
  }

  private get empty(): boolean {
    return this.elements.turns.childElementCount === 0;
  }

  private greet({ aloud }: { aloud: boolean }): void {
    if (this.greeted || !this.twin || !this.empty) return;
    this.greeted = true;
    const text = greetingFor(this.twin);
    this.elements.greeting.textContent = text;
    this.render();
    if (aloud) this.hooks.greet(text);
  }

  /** The greeting, once given, stays above the conversation as the twin's first line; the rest makes way. */
  private render(): void {
    const { section, greeting, suggestions, checklist } = this.elements;
    const allDone = this.twin !== undefined && STEPS.every((step) => this.twin && step.done(this.twin));
    suggestions.hidden = !this.empty;
    greeting.hidden = !greeting.textContent;
    const steps = checklist.closest<HTMLElement>(".make-it-you") ?? checklist;
    steps.hidden = !this.empty && allDone;
    section.hidden = !this.empty && allDone && greeting.hidden;
  }
}
