/** A voice as GET /api/voices lists it. */
export interface VoiceChoice {
  id: string;
  name: string;
  gender: string;
}

/** "SLT — US English, female", not "… female (female)": the gender is added only where the name lacks it. */
export function voiceLabel(voice: { name: string; gender: string }): string {
  return new RegExp(`\\b${voice.gender}\\b`, "i").test(voice.name) || !voice.gender
    ? voice.name
    : `${voice.name} (${voice.gender})`;
}

/**
 * Fills the voice picker: the default, the provider's voices and the twin's own (tuned or cloned) voice. A closed
 * picker in the narrow panel shows only the start of a long name ("Kal — US English, male (diphone, fastest)"), so
 * every option, and the picker itself for the chosen one, carries the full name as its title (shown on hover, read
 * by screen readers with the value).
 */
export function fillVoicePicker(
  picker: HTMLSelectElement,
  voices: VoiceChoice[],
  twinVoiceId?: string,
): void {
  const option = (label: string, value: string) => {
    const item = new Option(label, value);
    item.title = label;
    return item;
  };
  picker.replaceChildren(option("Default voice", ""));
  for (const voice of voices) picker.append(option(voiceLabel(voice), voice.id));
  // A voice tuned to the person (or cloned) is no stock voice: it is listed as theirs, so saving keeps it.
  if (twinVoiceId && !voices.some((voice) => voice.id === twinVoiceId)) {
    picker.append(option("Your own voice", twinVoiceId));
  }
  picker.value = twinVoiceId ?? "";
  picker.disabled = voices.length === 0;
  showChosenName(picker);
  if (!picker.dataset.titled) {
    picker.dataset.titled = "";
    picker.addEventListener("change", () => showChosenName(picker));
  }
}

function showChosenName(picker: HTMLSelectElement): void {
  picker.title = picker.selectedOptions[0]?.title ?? "";
}
