/**
 * The models used when AITWIN_LLM_MODEL names none, and for speech and transcription. Apart from the providers that
 * use them, so the candidates can name them without loading a provider's code (`aitwin ask` loads only what it uses).
 */
export const OPENAI_DEFAULT_CHAT_MODEL = "gpt-4o-mini";
export const OPENAI_DEFAULT_SPEECH_MODEL = "gpt-4o-mini-tts";
export const OPENAI_DEFAULT_TRANSCRIPTION_MODEL = "gpt-4o-mini-transcribe";
