import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { eventually } from "../../jobs/test-support/waiting.js";

const workerScript = fileURLToPath(new URL("./worker-process.ts", import.meta.url));

/** Starts `aitwin worker ARGS` from the sources with `env` added, and waits until it says it is taking jobs. */
export async function spawnWorker(env: NodeJS.ProcessEnv, args: string[] = []): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", workerScript, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  await eventually(
    "the worker to start",
    async () => output.includes("is taking jobs") || child.exitCode !== null,
  );
  if (child.exitCode !== null) throw new Error(`aitwin worker exited with ${child.exitCode}`);
  return child;
}

/** Resolves when the process has exited. */
export const exited = (child: ChildProcess) =>
  new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", resolve)));
