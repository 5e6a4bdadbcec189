import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { type FirefoxAudio, probeAudio } from "./firefox-audio.js";
import { pulseaudioVersion, type SoundServer, startSoundServer } from "./sound-server.js";

/**
 * Debian's Firefox ESR, headless, driven over WebDriver BiDi (the W3C protocol Firefox speaks natively).
 *
 * playwright-core's BiDi mode cannot drive Firefox ESR 153: it sends `emulation.setMediaFeaturesOverride` on every new
 * context, which this Firefox does not know. So this is a small client of the standard protocol itself: navigate,
 * evaluate, real keyboard input, file inputs and screenshots — what the page test needs, nothing more.
 */
export const FIREFOX = process.env.AITWIN_TEST_FIREFOX || "/usr/bin/firefox-esr";

/** Why Firefox cannot run here, or undefined when it can. */
export function firefoxUnavailable(): string | undefined {
  return existsSync(FIREFOX) ? undefined : `needs Debian firefox-esr at ${FIREFOX}`;
}

/** WebDriver key codes for the keys the tests press. */
export const KEYS = { Enter: "\uE007", Tab: "\uE004", Escape: "\uE00C" } as const;

// Sound without a gesture prompt, no network beyond the page, no first-run pages or updates. These machines have no
// sound device: Firefox's mock audio device (`media.cubeb.force_mock_context`, set by `launchFirefox`; ESR 153 has
// it, ESR 140 does not) plays to nowhere at real-time pace, as Chromium's fake output does headless; where it is
// missing, the private PulseAudio null sink `launchFirefox` starts is the device. The fake microphone stands in for a
// real one.
const PREFERENCES = {
  // A fake microphone (a steady tone) granted without a prompt.
  "media.navigator.streams.fake": true,
  "media.navigator.permission.disabled": true,
  "media.autoplay.default": 0,
  "media.autoplay.blocking_policy": 0,
  "app.update.disabledForTesting": true,
  "browser.shell.checkDefaultBrowser": false,
  "browser.startup.homepage_override.mstone": "ignore",
  "datareporting.policy.dataSubmissionEnabled": false,
  "toolkit.telemetry.reportingpolicy.firstRun": false,
  "network.captive-portal-service.enabled": false,
  "network.connectivity-service.enabled": false,
  "extensions.update.enabled": false,
  "browser.safebrowsing.update.enabled": false,
};

interface BidiReply {
  id?: number;
  type: "success" | "error" | "event";
  result?: unknown;
  error?: string;
  message?: string;
}

type RemoteValue = { type: string; value?: unknown; sharedId?: string };

export class FirefoxPage {
  private nextId = 0;
  private readonly pending = new Map<number, (reply: BidiReply) => void>();

  constructor(
    private readonly socket: WebSocket,
    private context = "",
  ) {
    socket.on("message", (data) => {
      const reply = JSON.parse(data.toString()) as BidiReply;
      if (reply.id === undefined) return;
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
    socket.on("close", () => {
      for (const settle of this.pending.values())
        settle({ type: "error", error: "closed", message: "Firefox went away" });
      this.pending.clear();
    });
  }

  /** One BiDi command; an error reply becomes a thrown Error naming the command. */
  async send<T>(method: string, params: object): Promise<T> {
    const id = ++this.nextId;
    const reply = await new Promise<BidiReply>((resolve) => {
      this.pending.set(id, resolve);
      this.socket.send(JSON.stringify({ id, method, params }));
    });
    if (reply.type === "error") throw new Error(`${method}: ${reply.error}: ${reply.message}`);
    return reply.result as T;
  }

  async attach(): Promise<void> {
    const tree = await this.send<{ contexts: { context: string }[] }>("browsingContext.getTree", {});
    this.context = tree.contexts[0]?.context ?? "";
  }

  setViewport(width: number, height: number): Promise<unknown> {
    return this.send("browsingContext.setViewport", { context: this.context, viewport: { width, height } });
  }

  goto(url: string): Promise<unknown> {
    return this.send("browsingContext.navigate", { context: this.context, url, wait: "complete" });
  }

  reload(): Promise<unknown> {
    return this.send("browsingContext.reload", { context: this.context, wait: "complete" });
  }

  /** Evaluates a JavaScript expression in the page (promises awaited) and returns its JSON value. */
  async evaluate<T>(expression: string): Promise<T> {
    const wrapped = `(async () => JSON.stringify(await (${expression})))()`;
    const outcome = await this.send<{
      type: string;
      result?: RemoteValue;
      exceptionDetails?: { text: string };
    }>("script.evaluate", {
      expression: wrapped,
      target: { context: this.context },
      awaitPromise: true,
      userActivation: false,
    });
    if (outcome.type === "exception") throw new Error(`in the page: ${outcome.exceptionDetails?.text}`);
    const json = outcome.result?.value;
    return (typeof json === "string" ? JSON.parse(json) : undefined) as T;
  }

  /** Polls an expression until it is truthy; the error names the expression and its last value. */
  async waitFor(expression: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    while (Date.now() < deadline) {
      last = await this.evaluate<unknown>(expression).catch((error: Error) => error.message);
      if (last) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(
      `timed out after ${timeoutMs} ms waiting for ${expression} (last: ${JSON.stringify(last)})`,
    );
  }

  /** Types text (and WebDriver key codes) on the real keyboard, into whatever has focus. */
  type(text: string): Promise<unknown> {
    const actions = [...text].flatMap((value) => [
      { type: "keyDown", value },
      { type: "keyUp", value },
    ]);
    return this.send("input.performActions", {
      context: this.context,
      actions: [{ type: "key", id: "keyboard", actions }],
    });
  }

  /** Puts files into the `<input type=file>` found by a CSS selector, as a person choosing them would. */
  async setFiles(selector: string, files: string[]): Promise<void> {
    const found = await this.send<{ result: RemoteValue }>("script.evaluate", {
      expression: `document.querySelector(${JSON.stringify(selector)})`,
      target: { context: this.context },
      awaitPromise: false,
    });
    if (!found.result.sharedId) throw new Error(`no element matches ${selector}`);
    await this.send("input.setFiles", {
      context: this.context,
      element: { sharedId: found.result.sharedId },
      files,
    });
  }

  async screenshot(): Promise<Buffer> {
    const shot = await this.send<{ data: string }>("browsingContext.captureScreenshot", {
      context: this.context,
    });
    return Buffer.from(shot.data, "base64");
  }
}

export interface Firefox {
  page: FirefoxPage;
  version: string;
  audio: FirefoxAudio;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** False: no mock device and no PulseAudio, as on a machine without sound (default true). */
  soundDevice?: boolean;
}

/**
 * Starts headless Firefox with a fresh profile and opens a BiDi session on its first tab. Where Debian's pulseaudio
 * is installed, Firefox gets a private PulseAudio null sink as its sound card (owned and ended with this Firefox);
 * `audio` says what its audio could do.
 */
export async function launchFirefox({ soundDevice = true }: LaunchOptions = {}): Promise<Firefox> {
  const sound: SoundServer | undefined =
    soundDevice && pulseaudioVersion() ? await startSoundServer() : undefined;
  const preferences = { ...PREFERENCES, "media.cubeb.force_mock_context": soundDevice };
  const profile = mkdtempSync(join(tmpdir(), "aitwin-firefox-"));
  writeFileSync(
    join(profile, "user.js"),
    Object.entries(preferences)
      .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`)
      .join("\n"),
  );
  const child = spawn(
    FIREFOX,
    ["--headless", "--no-remote", "--profile", profile, "--remote-debugging-port=0", "about:blank"],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...sound?.env, MOZ_CRASHREPORTER_DISABLE: "1" },
    },
  );
  const removeProfile = async () => {
    rmSync(profile, { recursive: true, force: true });
    await sound?.close();
  };
  try {
    const endpoint = await bidiEndpoint(child);
    const socket = new WebSocket(`${endpoint}/session`);
    await new Promise((resolve, reject) => {
      socket.once("open", resolve);
      socket.once("error", reject);
    });
    const page = new FirefoxPage(socket);
    const session = await page.send<{ capabilities: { browserVersion: string } }>("session.new", {
      capabilities: {},
    });
    await page.attach();
    const probed = await probeAudio(page);
    const device = !soundDevice
      ? "none (no mock device, no PulseAudio)"
      : sound
        ? `a PulseAudio null sink (${sound.version}), or Firefox's mock device where it has one`
        : "none but Firefox's mock device where it has one (pulseaudio is not installed)";
    return {
      page,
      version: session.capabilities.browserVersion,
      audio: { ...probed, device },
      async close() {
        await page.send("session.end", {}).catch(() => undefined);
        socket.close();
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
        await removeProfile();
      },
    };
  } catch (error) {
    child.kill("SIGKILL");
    await removeProfile();
    throw error;
  }
}

function bidiEndpoint(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(output);
      if (found?.[1]) resolve(found[1]);
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code) => reject(new Error(`firefox exited with ${code}: ${output.slice(-2000)}`)));
    setTimeout(
      () => reject(new Error(`firefox did not open WebDriver BiDi in 60 s: ${output.slice(-2000)}`)),
      60_000,
    );
  });
}
