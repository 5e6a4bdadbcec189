/** What a message is doing, for the built-in persona engine. The first matching act wins. */
export type DialogueAct =
  | "greeting"
  | "farewell"
  | "thanks"
  | "wellbeing"
  | "name"
  | "identity"
  | "capabilities"
  | "affirmation"
  | "question"
  | "statement";

const PATTERNS: [DialogueAct, RegExp][] = [
  ["thanks", /^(?:thanks?(?: you)?|thank you|thx|cheers|much appreciated)\b(?!.*\?)/i],
  ["farewell", /^(?:bye|goodbye|good night|see you|see ya|talk (?:to you )?(?:later|soon)|farewell|ciao)\b/i],
  [
    "wellbeing",
    /\b(?:how are you|how're you|how do you feel(?! about)|how's it going|how are things|how have you been)\b/i,
  ],
  ["name", /\b(?:what(?:'s| is) your name|what are you called|what should i call you)\b/i],
  [
    "identity",
    /\b(?:who are you|who is this|introduce yourself|tell me about yourself|describe yourself|what are you)\b/i,
  ],
  ["capabilities", /\b(?:what can you do|how do you work|what do you do for me|help me use you)\b/i],
  [
    "greeting",
    /^(?:hi|hello|hey|hiya|howdy|yo|greetings|good (?:morning|afternoon|evening))\b[\s!.,]*(?:there)?/i,
  ],
  [
    "affirmation",
    /^(?:yes|yeah|yep|sure|ok(?:ay)?|right|cool|great|nice|no|nope|got it|i see|alright)[\s!.]*$/i,
  ],
];

const QUESTION_START =
  /^(?:what|what's|where|when|who|whom|whose|why|how|which|do|does|did|are|is|was|were|can|could|would|will|have|has|had|should|tell me|name)\b/i;

export function classify(message: string): DialogueAct {
  const text = message.trim();
  for (const [act, pattern] of PATTERNS) {
    if (pattern.test(text)) {
      // "Hi, where do you live?" is a question with a greeting in front.
      if (act === "greeting" && isQuestion(text.replace(pattern, "").replace(/^[\s,!.]+/, "")))
        return "question";
      return act;
    }
  }
  return isQuestion(text) ? "question" : "statement";
}

export function isQuestion(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.endsWith("?") || QUESTION_START.test(trimmed);
}
