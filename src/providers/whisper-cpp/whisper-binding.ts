import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The part of `@fugood/whisper.node` we use. The package ships TypeScript sources but no declarations. */
export interface WhisperJob<T> {
  stop(): Promise<void>;
  promise: Promise<T>;
}

export interface WhisperResult {
  result: string;
  segments: { text: string; t0: number; t1: number }[];
  isAborted: boolean;
  language?: string;
}

export interface WhisperContext {
  /** 16-bit little-endian mono PCM at 16 kHz. */
  transcribeData(
    pcm: ArrayBuffer,
    options?: { language?: string; maxThreads?: number; tokenTimestamps?: boolean },
  ): WhisperJob<WhisperResult>;
  release(): Promise<void>;
}

interface WhisperModule {
  initWhisper(options: { filePath: string; useGpu?: boolean }, variant?: "default"): Promise<WhisperContext>;
  loadWhisperModule(variant?: "default"): Promise<{
    WhisperContext: {
      toggleNativeLog(enable: boolean, callback?: (level: string, text: string) => void): void;
    };
  }>;
}

/** Resolves the binding; throws when the package or its linux-x64 binary is not installed. */
export function whisperModule(): WhisperModule {
  return require("@fugood/whisper.node") as WhisperModule;
}

/** Whether the prebuilt native binary for this platform is installed (the JS package alone is not enough). */
export function whisperBinaryInstalled(): boolean {
  try {
    require.resolve(`@fugood/node-whisper-${process.platform}-${process.arch}`);
    return true;
  } catch {
    return false;
  }
}
