import { zipSync } from "fflate";

/**
 * Small valid documents made in code, so tests need no binary fixtures: a one-page PDF with a text layer, a
 * password-protected PDF, and a .docx. They are what real writers produce, reduced to the parts readers need.
 */
export function tinyPdf(lines: string[], options: { encrypted?: boolean } = {}): Uint8Array {
  const escaped = lines.map((line) => `(${line.replace(/[\\()]/g, (match) => `\\${match}`)}) '`).join(" ");
  const content = `BT /F1 12 Tf 72 720 Td 14 TL ${escaped} ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  // RC4 40-bit standard security with a user password the reader does not have: the /U check fails.
  if (options.encrypted)
    objects.push(`<< /Filter /Standard /V 1 /R 2 /O <${"ab".repeat(32)}> /U <${"cd".repeat(32)}> /P -4 >>`);
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(out.length);
    out += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  const encrypt = options.encrypted
    ? ` /Encrypt ${objects.length} 0 R /ID [<${"01".repeat(16)}> <${"01".repeat(16)}>]`
    : "";
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${encrypt} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

/** A .docx with one Word paragraph per string (runs, a tab and an entity included, as Word writes them). */
export function tinyDocx(paragraphs: string[]): Uint8Array {
  const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const body = paragraphs
    .map((paragraph) => {
      const [first = "", ...rest] = paragraph.split(" ");
      return `<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:t>${escapeXml(first)}</w:t></w:r><w:r><w:t xml:space="preserve"> ${escapeXml(rest.join(" "))}</w:t></w:r></w:p>`;
    })
    .join("");
  const documentXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr/></w:body></w:document>`;
  const encode = (text: string) => new TextEncoder().encode(text);
  return zipSync({
    "[Content_Types].xml": encode(
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    "word/document.xml": encode(documentXml),
  });
}

/** A WhatsApp export (Android style, then iOS style lines) between Ana and Ben, with a notice and a multi-line message. */
export const WHATSAPP_EXPORT = [
  "12/03/2024, 21:14 - Messages and calls are end-to-end encrypted. No one outside of this chat can read them.",
  "12/03/2024, 21:15 - Ana: Did you finish the boat?",
  "12/03/2024, 21:16 - Ben: Almost! I sanded the hull all weekend",
  "and painted it blue.",
  "12/03/2024, 21:17 - Ana: <Media omitted>",
  "[13/03/2024, 08:02:11] Ben: Launching it in Cascais on Saturday.",
  "[13/03/2024, 08:03:40] Ana: I'll bring sandwiches",
  "",
].join("\n");
