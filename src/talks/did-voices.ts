/** What a D-ID voice is known or guessed to be, so that the closest local voice can stand in for it. */
export interface VoiceTraits {
  gender?: "female" | "male";
  /** A BCP 47 locale such as `en-US`. */
  locale?: string;
}

/**
 * The `script.provider.type`s D-ID documents for text talks, and `aitwin`, which the page sends with one of our own
 * voices. Any other type is refused, as D-ID refuses it.
 */
export const TALK_PROVIDER_TYPES = [
  "microsoft",
  "amazon",
  "elevenlabs",
  "google",
  "afflorithmics",
  "playHT",
  "aitwin",
] as const;

const female = (locale: string): VoiceTraits => ({ gender: "female", locale });
const male = (locale: string): VoiceTraits => ({ gender: "male", locale });

/** Microsoft Azure neural voices by the name in `en-US-<Name>Neural`; the locale comes from the id itself. */
const MICROSOFT_GENDERS: Readonly<Record<string, "female" | "male">> = {
  ...Object.fromEntries(
    "Jenny Aria Sara Amber Ana Ashley Cora Elizabeth Michelle Monica Nancy Emma Ava Jane Sonia Libby Abbi Maisie Bella Hollie Olivia Natasha Clara Neerja"
      .split(" ")
      .map((name) => [name, "female" as const]),
  ),
  ...Object.fromEntries(
    "Guy Davis Tony Jason Christopher Eric Brandon Jacob Andrew Brian Steffan Roger Ryan Alfie Elliot Ethan Noah Oliver Thomas William Liam Prabhat"
      .split(" ")
      .map((name) => [name, "male" as const]),
  ),
};

/** Amazon Polly voices by id (D-ID passes Polly's ids as they are). */
const AMAZON_VOICES: Readonly<Record<string, VoiceTraits>> = {
  Joanna: female("en-US"),
  Salli: female("en-US"),
  Kendra: female("en-US"),
  Kimberly: female("en-US"),
  Ivy: female("en-US"),
  Ruth: female("en-US"),
  Danielle: female("en-US"),
  Matthew: male("en-US"),
  Joey: male("en-US"),
  Justin: male("en-US"),
  Kevin: male("en-US"),
  Stephen: male("en-US"),
  Gregory: male("en-US"),
  Amy: female("en-GB"),
  Emma: female("en-GB"),
  Brian: male("en-GB"),
  Arthur: male("en-GB"),
  Geraint: male("en-GB"),
  Nicole: female("en-AU"),
  Olivia: female("en-AU"),
  Russell: male("en-AU"),
  Raveena: female("en-IN"),
  Aditi: female("en-IN"),
};

/** ElevenLabs' premade voices by id (the ones D-ID's examples and most clients use). */
const ELEVENLABS_VOICES: Readonly<Record<string, VoiceTraits>> = {
  "21m00Tcm4TlvDq8ikWAM": female("en-US"), // Rachel
  EXAVITQu4vr4xnSDxMaL: female("en-US"), // Sarah (Bella)
  AZnzlk1XvdvUeBnXmlld: female("en-US"), // Domi
  MF3mGyEYCl7XYWbV9V6O: female("en-US"), // Elli
  ErXwobaYiN019PkySvjV: male("en-US"), // Antoni
  TxGEqnHWrfWFTfGW9XjX: male("en-US"), // Josh
  VR6AewLTigWG4xSOukaG: male("en-US"), // Arnold
  pNInz6obpgDQGcFmaJgB: male("en-US"), // Adam
  yoZ06aMxZJJ28mfd3POQ: male("en-US"), // Sam
  onwK4e9ZLuTAKqWW03F9: male("en-GB"), // Daniel
  JBFqnCBsd6RMkjVDRZzb: male("en-GB"), // George
};

const LOCALE_PREFIX = /^([a-z]{2,3}-[A-Z]{2})-/;

/**
 * What a requested voice is, from the tables above or read from its id (`en-GB-…Neural` is British; Google's
 * `en-US-Wavenet-F` is American); `{}` when nothing is known, and the local default voice speaks.
 */
export function voiceTraits(type: string, voiceId: string): VoiceTraits {
  const locale = LOCALE_PREFIX.exec(voiceId)?.[1];
  if (type === "amazon") return AMAZON_VOICES[voiceId] ?? {};
  if (type === "elevenlabs") return ELEVENLABS_VOICES[voiceId] ?? {};
  if (type === "microsoft") {
    const name = /^[a-z]{2,3}-[A-Z]{2}-([A-Z][a-z]+)/.exec(voiceId)?.[1];
    const gender = name === undefined ? undefined : MICROSOFT_GENDERS[name];
    return { ...(gender && { gender }), ...(locale && { locale }) };
  }
  // Other providers (Google, api.audio, PlayHT) name voices freely: a locale prefix or a well-known first name.
  const name = voiceId.replace(/[^A-Za-z].*$/, "");
  const capitalised = name.charAt(0).toUpperCase() + name.slice(1).toLowerCase();
  const known = AMAZON_VOICES[capitalised];
  const gender = known?.gender ?? MICROSOFT_GENDERS[capitalised];
  return { ...(gender && { gender }), ...((locale ?? known?.locale) && { locale: locale ?? known?.locale }) };
}
