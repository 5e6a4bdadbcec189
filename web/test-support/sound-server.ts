import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A private PulseAudio server whose only sink is a null sink: a sound card that plays to nowhere at real-time pace.
 *
 * These machines have no sound device. Firefox ESR 153 has a mock audio device for that
 * (`media.cubeb.force_mock_context`); Firefox ESR 140 does not, and with no device its AudioContext stays
 * "suspended" forever (its graph falls back to a system clock but the context never reports running), so neither
 * reply audio nor the microphone's AudioWorklet ever runs. Given this server, any Firefox plays through PulseAudio
 * like a desktop does.
 */
export interface SoundServer {
  /** `PULSE_SERVER` for the programs that should play into it. */
  env: Record<string, string>;
  /** `pulseaudio --version`, for the test's output. */
  version: string;
  close(): Promise<void>;
}

/** The program; `AITWIN_TEST_PULSEAUDIO=none` runs the browser tests as on a machine without it. */
export const PULSEAUDIO = process.env.AITWIN_TEST_PULSEAUDIO || "pulseaudio";

/** `pulseaudio --version`, or undefined when PulseAudio (Debian `pulseaudio`) is not installed. */
export function pulseaudioVersion(): string | undefined {
  const probe = spawnSync(PULSEAUDIO, ["--version"], { encoding: "utf8" });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

/** Starts the server in a fresh directory and resolves once its socket accepts connections. */
export async function startSoundServer(): Promise<SoundServer> {
  const version = pulseaudioVersion();
  if (!version) throw new Error(`needs Debian pulseaudio (${PULSEAUDIO} is not on PATH)`);
  const home = mkdtempSync(join(tmpdir(), "aitwin-pulse-"));
  const socket = join(home, "native");
  const child = spawn(
    PULSEAUDIO,
    [
      "-n", // no default.pa: only the modules below
      "--daemonize=no",
      "--exit-idle-time=-1",
      "--use-pid-file=no",
      "--log-target=stderr",
      "--load=module-null-sink sink_name=aitwin",
      `--load=module-native-protocol-unix socket=${socket} auth-anonymous=1`,
    ],
    {
      // Its cookie, state and runtime files go into the fresh directory, not the user's home.
      env: { ...process.env, HOME: home, XDG_RUNTIME_DIR: home, XDG_CONFIG_HOME: home, XDG_STATE_HOME: home },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(home, { recursive: true, force: true });
  };
  try {
    await listening(socket, child, () => log);
  } catch (error) {
    await close();
    throw error;
  }
  return { env: { PULSE_SERVER: `unix:${socket}` }, version, close };
}

async function listening(socket: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pulseaudio exited with ${child.exitCode}: ${log()}`);
    const accepted = await new Promise<boolean>((resolve) => {
      const probe = connect(socket);
      probe.once("connect", () => {
        probe.destroy();
        resolve(true);
      });
      probe.once("error", () => resolve(false));
    });
    if (accepted) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`pulseaudio did not listen on ${socket} in 10 s: ${log()}`);
}
