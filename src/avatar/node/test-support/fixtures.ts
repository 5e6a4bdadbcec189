import { fileURLToPath } from "node:url";

/** The public-domain portrait in the shared fixtures, found relative to the repository (../shared beside it). */
export const ASTRONAUT_PHOTO = fileURLToPath(
  new URL("../../../../../shared/fixtures/faces/astronaut.png", import.meta.url),
);
