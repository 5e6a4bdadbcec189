/**
 * A configured server URL as it may be shown (doctor, errors, logs): scheme, host and path only. Credentials can be
 * written inside such URLs (`https://user:secret@host`, `?api-key=…`); neither user info nor query nor fragment is
 * ever shown.
 */
export function displayUrl(text: string): string {
  if (!URL.canParse(text)) return "(an URL that does not parse)";
  const url = new URL(text);
  const hidden = url.search || url.hash ? "?…" : "";
  return `${url.origin}${url.pathname}`.replace(/\/$/, "") + hidden;
}
