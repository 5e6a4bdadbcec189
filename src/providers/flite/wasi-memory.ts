/**
 * A minimal WASI preview1 host, in memory: enough for a command-line C program (flite) that reads its arguments and
 * input files and writes output files and stdout. We host it ourselves rather than use `node:wasi` because that is
 * experimental in Node 20 (a warning on every CLI run), needs real files on disk, and does not exist in a browser.
 */

import { type WasmMemory, type WasmModule, webAssembly } from "./webassembly-api.js";

const ERRNO_SUCCESS = 0;
const ERRNO_BADF = 8;
const ERRNO_INVAL = 28;
const ERRNO_NOENT = 44;
const FILETYPE_CHARACTER_DEVICE = 2;
const FILETYPE_DIRECTORY = 3;
const FILETYPE_REGULAR_FILE = 4;
const OFLAGS_CREAT = 1;
const OFLAGS_TRUNC = 8;
const ROOT_FD = 3;

/** Thrown by `proc_exit` to unwind out of `_start`. */
class ProcessExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

interface OpenFile {
  path: string;
  position: number;
}

export interface WasiRunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Every file in the in-memory file system after the run, by absolute path ("/out.wav"). */
  files: Map<string, Uint8Array>;
}

/** Runs a WASI command module once: `args[0]` is the program name; `files` are its readable inputs. */
export async function runWasiCommand(
  module: WasmModule,
  args: string[],
  files: Map<string, Uint8Array> = new Map(),
): Promise<WasiRunResult> {
  const fileSystem = new Map(files);
  const open = new Map<number, OpenFile>();
  let nextFd = ROOT_FD + 1;
  const output: Record<1 | 2, string[]> = { 1: [], 2: [] };
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const encodedArgs = args.map((arg) => encoder.encode(`${arg}\0`));
  let memory: WasmMemory | undefined;
  const view = () => new DataView((memory as WasmMemory).buffer);
  const bytes = () => new Uint8Array((memory as WasmMemory).buffer);

  const iovecs = (pointer: number, count: number) => {
    const list: { offset: number; length: number }[] = [];
    for (let index = 0; index < count; index++) {
      const base = pointer + index * 8;
      list.push({ offset: view().getUint32(base, true), length: view().getUint32(base + 4, true) });
    }
    return list;
  };

  // Files grow by doubling; their logical sizes are kept here and applied when read back.
  const sizes = new Map<string, number>([...fileSystem].map(([path, data]) => [path, data.length]));
  const writeToFile = (file: OpenFile, chunk: Uint8Array) => {
    const current = fileSystem.get(file.path) ?? new Uint8Array(0);
    const end = file.position + chunk.length;
    let target = current;
    if (end > current.length) {
      target = new Uint8Array(Math.max(end, current.length * 2));
      target.set(current);
    }
    target.set(chunk, file.position);
    fileSystem.set(file.path, target);
    sizes.set(file.path, Math.max(sizes.get(file.path) ?? current.length, end));
    file.position = end;
  };

  const imports = {
    args_sizes_get(countPointer: number, sizePointer: number) {
      view().setUint32(countPointer, encodedArgs.length, true);
      view().setUint32(
        sizePointer,
        encodedArgs.reduce((sum, arg) => sum + arg.length, 0),
        true,
      );
      return ERRNO_SUCCESS;
    },
    args_get(argvPointer: number, bufferPointer: number) {
      let offset = bufferPointer;
      encodedArgs.forEach((arg, index) => {
        view().setUint32(argvPointer + index * 4, offset, true);
        bytes().set(arg, offset);
        offset += arg.length;
      });
      return ERRNO_SUCCESS;
    },
    clock_time_get(_id: number, _precision: bigint, timePointer: number) {
      view().setBigUint64(timePointer, BigInt(Math.round(performance.now() * 1e6)), true);
      return ERRNO_SUCCESS;
    },
    fd_close(fd: number) {
      return open.delete(fd) ? ERRNO_SUCCESS : ERRNO_BADF;
    },
    fd_fdstat_get(fd: number, pointer: number) {
      const type =
        fd <= 2 ? FILETYPE_CHARACTER_DEVICE : fd === ROOT_FD ? FILETYPE_DIRECTORY : FILETYPE_REGULAR_FILE;
      if (fd > ROOT_FD && !open.has(fd)) return ERRNO_BADF;
      bytes().fill(0, pointer, pointer + 24);
      view().setUint8(pointer, type);
      view().setBigUint64(pointer + 8, 0xffffffffn, true);
      view().setBigUint64(pointer + 16, 0xffffffffn, true);
      return ERRNO_SUCCESS;
    },
    fd_fdstat_set_flags: () => ERRNO_SUCCESS,
    fd_prestat_get(fd: number, pointer: number) {
      if (fd !== ROOT_FD) return ERRNO_BADF;
      view().setUint8(pointer, 0);
      view().setUint32(pointer + 4, 1, true);
      return ERRNO_SUCCESS;
    },
    fd_prestat_dir_name(fd: number, pointer: number, length: number) {
      if (fd !== ROOT_FD || length < 1) return ERRNO_BADF;
      bytes()[pointer] = "/".charCodeAt(0);
      return ERRNO_SUCCESS;
    },
    fd_read(fd: number, iovsPointer: number, iovsCount: number, readPointer: number) {
      const file = open.get(fd);
      if (fd === 0) {
        view().setUint32(readPointer, 0, true);
        return ERRNO_SUCCESS;
      }
      if (!file) return ERRNO_BADF;
      const data = fileSystem.get(file.path) ?? new Uint8Array(0);
      const size = sizes.get(file.path) ?? 0;
      let total = 0;
      for (const { offset, length } of iovecs(iovsPointer, iovsCount)) {
        const chunk = data.subarray(file.position, Math.min(size, file.position + length));
        bytes().set(chunk, offset);
        file.position += chunk.length;
        total += chunk.length;
        if (chunk.length < length) break;
      }
      view().setUint32(readPointer, total, true);
      return ERRNO_SUCCESS;
    },
    fd_seek(fd: number, offset: bigint, whence: number, resultPointer: number) {
      const file = open.get(fd);
      if (!file) return ERRNO_BADF;
      const base = whence === 0 ? 0 : whence === 1 ? file.position : (sizes.get(file.path) ?? 0);
      const position = base + Number(offset);
      if (position < 0) return ERRNO_INVAL;
      file.position = position;
      view().setBigUint64(resultPointer, BigInt(position), true);
      return ERRNO_SUCCESS;
    },
    fd_write(fd: number, iovsPointer: number, iovsCount: number, writtenPointer: number) {
      let total = 0;
      for (const { offset, length } of iovecs(iovsPointer, iovsCount)) {
        const chunk = bytes().slice(offset, offset + length);
        if (fd === 1 || fd === 2) output[fd].push(decoder.decode(chunk));
        else {
          const file = open.get(fd);
          if (!file) return ERRNO_BADF;
          writeToFile(file, chunk);
        }
        total += length;
      }
      view().setUint32(writtenPointer, total, true);
      return ERRNO_SUCCESS;
    },
    path_open(
      dirFd: number,
      _dirFlags: number,
      pathPointer: number,
      pathLength: number,
      openFlags: number,
      _rightsBase: bigint,
      _rightsInheriting: bigint,
      _fdFlags: number,
      fdPointer: number,
    ) {
      if (dirFd !== ROOT_FD) return ERRNO_BADF;
      const path = `/${decoder.decode(bytes().slice(pathPointer, pathPointer + pathLength))}`;
      if (!fileSystem.has(path)) {
        if (!(openFlags & OFLAGS_CREAT)) return ERRNO_NOENT;
        fileSystem.set(path, new Uint8Array(0));
        sizes.set(path, 0);
      }
      if (openFlags & OFLAGS_TRUNC) sizes.set(path, 0);
      const fd = nextFd++;
      open.set(fd, { path, position: 0 });
      view().setUint32(fdPointer, fd, true);
      return ERRNO_SUCCESS;
    },
    proc_exit(code: number): never {
      throw new ProcessExit(code);
    },
  };

  const instance = await webAssembly.instantiate(module, { wasi_snapshot_preview1: imports });
  memory = instance.exports.memory as WasmMemory;
  let exitCode = 0;
  try {
    (instance.exports._start as () => void)();
  } catch (error) {
    if (!(error instanceof ProcessExit)) throw error;
    exitCode = error.code;
  }
  const result = new Map<string, Uint8Array>();
  for (const [path, data] of fileSystem) result.set(path, data.slice(0, sizes.get(path) ?? data.length));
  return { exitCode, stdout: output[1].join(""), stderr: output[2].join(""), files: result };
}
