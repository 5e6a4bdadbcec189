import { BadInputError } from "../core/errors.js";

/**
 * The text of a PDF, page after page, through PDF.js (the serverless build bundled by `unpdf`, loaded on first use).
 * BadInputError for a password-protected PDF, a damaged one, and one with no text layer (a scan).
 */
export async function pdfText(bytes: Uint8Array, name: string): Promise<string> {
  const { extractText, getDocumentProxy } = await import("unpdf");
  let pages: string[];
  try {
    // PDF.js may take over (detach) the buffer it is given: hand it a copy.
    const pdf = await getDocumentProxy(new Uint8Array(bytes), {
      isEvalSupported: false,
      verbosity: 0,
    });
    try {
      pages = (await extractText(pdf)).text;
    } finally {
      await pdf.destroy();
    }
  } catch (error) {
    const kind = (error as { name?: unknown }).name;
    if (kind === "PasswordException") {
      throw new BadInputError(
        `${name} is an encrypted (password-protected) PDF: remove the password and import it again`,
        {
          cause: error,
        },
      );
    }
    throw new BadInputError(`${name} is not a readable PDF (${(error as Error).message ?? String(error)})`, {
      cause: error,
    });
  }
  const text = pages.join("\n").trim();
  if (text === "") throw new BadInputError(`${name} has no text layer (a scanned PDF?): nothing to import`);
  return text;
}
