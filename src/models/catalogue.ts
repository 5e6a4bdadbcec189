/** A model `aitwin models pull` can fetch into the models dir. */
export interface CatalogueEntry {
  name: string;
  kind: "speech-to-text" | "brain";
  /** File name in the models dir; the providers look for these names. */
  file: string;
  url: string;
  /** Size in bytes (for the progress bar before the server says). */
  bytes: number;
  /**
   * SHA-256 of the file, hex. Absent where no published digest could be checked when the entry was written: such a
   * download is kept, and its digest printed so it can be pinned here.
   */
  sha256?: string;
  licence: string;
  description: string;
}

const WHISPER = "https://huggingface.co/ggerganov/whisper.cpp/resolve/main";

export const CATALOGUE: CatalogueEntry[] = [
  {
    name: "whisper-tiny.en",
    kind: "speech-to-text",
    file: "ggml-tiny.en.bin",
    url: `${WHISPER}/ggml-tiny.en.bin`,
    bytes: 77_704_715,
    sha256: "921e4cf8686fdd993dcd081a5da5b6c365bfde1162e72b08d75ac75289920b1f",
    licence: "MIT",
    description: "whisper tiny, English only: fastest, good enough for short turns",
  },
  {
    name: "whisper-base.en",
    kind: "speech-to-text",
    file: "ggml-base.en.bin",
    url: `${WHISPER}/ggml-base.en.bin`,
    bytes: 147_964_211,
    sha256: "a03779c86df3323075f5e796cb2ce5029f00ec8869eee3fdfb897afe36c6d002",
    licence: "MIT",
    description: "whisper base, English only: the recommended recogniser on a laptop CPU",
  },
  {
    name: "qwen2.5-0.5b-instruct",
    kind: "brain",
    file: "qwen2.5-0.5b-instruct-q4_k_m.gguf",
    url: "https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/qwen2.5-0.5b-instruct-q4_k_m.gguf",
    bytes: 491_400_032,
    licence: "Apache-2.0",
    description: "Qwen2.5 0.5B Instruct, Q4_K_M: a small chat model that runs on two cores",
  },
  {
    name: "smollm2-360m-instruct",
    kind: "brain",
    file: "smollm2-360m-instruct-q8_0.gguf",
    url: "https://huggingface.co/HuggingFaceTB/SmolLM2-360M-Instruct-GGUF/resolve/main/smollm2-360m-instruct-q8_0.gguf",
    bytes: 386_404_992,
    licence: "Apache-2.0",
    description: "SmolLM2 360M Instruct, Q8_0: the smallest chat model, English",
  },
];

export function findCatalogueEntry(name: string, catalogue = CATALOGUE): CatalogueEntry | undefined {
  return catalogue.find((entry) => entry.name === name || entry.file === name);
}
