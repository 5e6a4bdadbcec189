import type { Api } from "./api.js";
import { browserRecognizer, type Recognizer, serverRecognizer } from "./microphone.js";

const STORAGE_KEY = "aitwin.recognizer";
type Choice = "local" | "browser";

/**
 * Who turns speech into words: this computer (the server's own recogniser, the default: nothing leaves it) or the
 * browser's (in Chrome the audio goes to Google). The choice is a plain select, remembered in this browser; a choice
 * that is not available here is disabled. The recogniser returned follows the select at every turn.
 */
export function chosenRecognizer(
  api: Api,
  server: { available: boolean; provider: string | null },
  select: HTMLSelectElement,
): Recognizer | undefined {
  const local = server.available ? serverRecognizer(api) : undefined;
  const browser = browserRecognizer();
  const options: Record<Choice, string> = {
    local: `This computer${server.provider ? ` (${server.provider})` : ""}`,
    browser: "The browser's own (Chrome sends audio to Google)",
  };
  select.replaceChildren(
    ...(Object.keys(options) as Choice[]).map((value) => {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = options[value];
      option.disabled = value === "local" ? !local : !browser;
      return option;
    }),
  );
  const remembered = storedChoice();
  const usable = (choice: Choice) => (choice === "local" ? local : browser) !== undefined;
  select.value = remembered && usable(remembered) ? remembered : usable("local") ? "local" : "browser";
  select.disabled = !local || !browser;
  select.addEventListener("change", () => {
    try {
      localStorage.setItem(STORAGE_KEY, select.value);
    } catch {
      // Storage refused (private mode): the choice lasts for this page.
    }
  });
  if (!local && !browser) return undefined;
  const current = () => ((select.value === "browser" ? browser : local) ?? local ?? browser) as Recognizer;
  return {
    get kind() {
      return current().kind;
    },
    listen: (listenOptions) => current().listen(listenOptions),
  };
}

function storedChoice(): Choice | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === "local" || value === "browser" ? value : undefined;
  } catch {
    return undefined;
  }
}
