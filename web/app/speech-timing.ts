/**
 * How long the page listens to quiet before it decides the person has finished speaking. Shorter answers sooner but
 * cuts people off at a thinking pause; the spoken-question bench adds it to what the server takes.
 */
export const END_OF_SPEECH_QUIET_MS = 800;
