/**
 * Markdown as the plain text a reader sees: no heading marks, emphasis, link targets, images' URLs, code fences,
 * tables' pipes or HTML tags. Headings and list items become paragraphs of their own, so they end a sentence.
 */
export function markdownText(markdown: string): string {
  const paragraphs: string[] = [];
  let current: string[] = [];
  const close = () => {
    if (current.length) paragraphs.push(current.join(" "));
    current = [];
  };
  for (const raw of markdown.split("\n")) {
    const line = raw.trimEnd();
    if (
      /^\s*(```|~~~)/.test(line) ||
      /^\s*([-*_])(\s*\1){2,}\s*$/.test(line) ||
      /^\s*\|?[\s:|-]+\|[\s:|-]*$/.test(line)
    ) {
      close();
      continue;
    }
    if (/^\s*\[[^\]]+\]:\s*\S+/.test(line)) continue; // a reference link's definition
    const block = /^\s*(#{1,6}\s+|>\s?|[-*+]\s+(\[[ xX]\]\s+)?|\d+[.)]\s+)/.exec(line);
    const text = inline(block ? line.slice(block[0].length) : line);
    if (text === "") {
      close();
    } else if (block) {
      close();
      current.push(text);
      if (/^\s*#/.test(block[0])) close();
    } else {
      current.push(text);
    }
  }
  close();
  return paragraphs.join("\n\n");
}

function inline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1")
    .replace(/<[^>\n]+>/g, "")
    .replace(/`+([^`]*)`+/g, "$1")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?=[^\w*]|$)/g, "$1$2")
    .replace(/~~(.+?)~~/g, "$1")
    .replace(/\s*#+\s*$/, "")
    .replace(/\s*\|\s*/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
