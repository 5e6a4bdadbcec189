/** Anything that looks like an API key, whether ours or echoed back by a server ("Incorrect API key: sk-ab…"). */
const KEY_SHAPED =
  /\b(sk|pk|rk)-[A-Za-z0-9_*-]{6,}|\bBasic [A-Za-z0-9+/=:]{8,}|\bBearer [A-Za-z0-9._~+/=-]{8,}/g;

/** Removes secrets from text that may reach a log, an error message or a user. */
export function redact(text: string, ...secrets: (string | undefined)[]): string {
  let clean = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) clean = clean.split(secret).join("[redacted]");
  }
  return clean.replace(KEY_SHAPED, "[redacted]");
}
