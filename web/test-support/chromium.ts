import { type Browser, chromium } from "playwright-core";

/** The flags every headless run needs here: Debian chromium as root, no GPU, nothing fetched from the network. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Debian's chromium; `AITWIN_TEST_CHROMIUM` names another build to test with (e.g. an unpacked older .deb). */
export const CHROMIUM = process.env.AITWIN_TEST_CHROMIUM || "/usr/bin/chromium";

/** Debian's chromium, headless; `fakeMicrophone` is a WAV the fake capture device plays as the microphone. */
export function launchChromium(fakeMicrophone?: string): Promise<Browser> {
  const microphone = fakeMicrophone
    ? [
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        `--use-file-for-fake-audio-capture=${fakeMicrophone}`,
      ]
    : [];
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...microphone] });
}
