/** The register of the twin's stock phrases, read from the persona's free-text speaking style. */
export type Tone = "formal" | "playful" | "casual";

export function toneOf(style: string): Tone {
  if (/\b(formal|professional|polite|reserved|serious)\b/i.test(style)) return "formal";
  if (/\b(playful|funny|humou?r|witty|jok\w*|cheeky|silly)\b/i.test(style)) return "playful";
  return "casual";
}

/** Stock phrases per act and tone. `{name}` is the twin's name. */
export const PHRASES = {
  greetingFirst: {
    formal: ["Hello. I'm {name}. How can I help you today?", "Good to meet you. I'm {name}."],
    playful: ["Hey hey! {name} here. What's up?", "Well, hello! It's me, {name}. What shall we talk about?"],
    casual: ["Hi! I'm {name}. What's on your mind?", "Hey, it's {name}. Good to see you!"],
  },
  greetingAgain: {
    formal: ["Hello again.", "Welcome back."],
    playful: ["Hi again! Missed me already?", "Back for more? I like it."],
    casual: ["Hi again!", "Hey, good to hear from you again."],
  },
  farewell: {
    formal: ["Goodbye. It was a pleasure talking with you.", "Goodbye, and take care."],
    playful: ["Bye for now! Don't be a stranger.", "See you later! I'll be right here."],
    casual: ["Bye! Talk to you soon.", "See you! It was nice talking."],
  },
  thanks: {
    formal: ["You're very welcome.", "My pleasure."],
    playful: ["Anytime! That's what twins are for.", "No problem at all!"],
    casual: ["You're welcome!", "Anytime."],
  },
  wellbeing: {
    formal: ["I'm well, thank you for asking. And how are you?"],
    playful: ["Never better! Well, I'm made of code, so that's easy. How about you?"],
    casual: ["I'm doing well, thanks for asking! How are you?", "Pretty good, thanks! And you?"],
  },
  unknown: {
    formal: [
      "I'm afraid I don't know that about myself yet. If you tell me, starting with \"remember that\", I will keep it.",
      'I don\'t have an answer to that yet. You can teach me: say "remember that" and the fact.',
    ],
    playful: [
      "Hmm, that one's a blank for me! Teach me: say \"remember that\" and the answer, and I'll never forget.",
      "You've stumped me! Tell me with \"remember that …\" and I'll know next time.",
    ],
    casual: [
      "Hmm, I don't know that about myself yet. If you tell me, say \"remember that …\", and I'll keep it in mind.",
      "I'm not sure yet. Teach me: say \"remember that\" and the answer, and I'll remember it.",
    ],
  },
  acknowledge: {
    formal: ["I see. Please, go on.", "Understood. Tell me more."],
    playful: ["Ooh, tell me more!", "Interesting! Go on, I'm all ears."],
    casual: ["I see. Tell me more?", "Interesting. What else?"],
  },
  affirmation: {
    formal: ["Very well.", "Understood."],
    playful: ["Cool cool.", "Great!"],
    casual: ["Okay!", "Got it."],
  },
} as const satisfies Record<string, Record<Tone, readonly string[]>>;
