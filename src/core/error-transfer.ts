import {
  AitwinError,
  BadInputError,
  BusyError,
  CancelledError,
  ConfigError,
  ConflictError,
  type ErrorKind,
  NotFoundError,
  ProviderError,
  StorageError,
} from "./errors.js";

/** An error as plain data, to cross a thread or process boundary (structured clone drops subclasses and fields). */
export interface TransferredError {
  kind: ErrorKind | "unknown";
  message: string;
  provider?: string;
  retryable?: boolean;
}

export function transferError(error: unknown): TransferredError {
  if (error instanceof ProviderError) {
    return { kind: "provider", message: error.message, provider: error.provider, retryable: error.retryable };
  }
  if (error instanceof AitwinError) return { kind: error.kind, message: error.message };
  if (error instanceof Error && error.name === "AbortError")
    return { kind: "cancelled", message: error.message };
  return { kind: "unknown", message: error instanceof Error ? error.message : String(error) };
}

/** The error again, of the class its kind names, so retry policies and error mapping treat it as the original. */
export function receiveError(data: TransferredError): Error {
  switch (data.kind) {
    case "provider": {
      const error = new ProviderError(data.provider ?? "provider", "", { retryable: data.retryable });
      error.message = data.message;
      return error;
    }
    case "bad-input":
      return new BadInputError(data.message);
    case "not-found":
      return new NotFoundError(data.message);
    case "conflict":
      return new ConflictError(data.message);
    case "busy":
      return new BusyError(data.message);
    case "config":
      return new ConfigError(data.message);
    case "storage":
      return new StorageError(data.message);
    case "internal":
      return new AitwinError("internal", data.message);
    case "cancelled":
      return new CancelledError(data.message);
    default:
      return new Error(data.message);
  }
}
