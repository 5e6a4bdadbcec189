const percent = (char: string, upper: boolean) => {
  const hex = char.charCodeAt(0).toString(16);
  return `%${upper ? hex.toUpperCase() : hex}`;
};

/**
 * The same path as a router or a proxy might see it: percent-encoded letters (issue 12, case 1: `/%61pi/…`), a
 * query that looks like a public path (case 2: `?/result/`), doubled, dotted and trailing slashes, other case.
 */
export function disguises(path: string): string[] {
  const segments = path.split("/");
  const variants = new Set<string>();
  segments.forEach((segment, index) => {
    if (!segment) return;
    for (const upper of [false, true]) {
      const encoded = [...segments];
      encoded[index] = percent(segment[0] ?? "", upper) + segment.slice(1);
      variants.add(encoded.join("/"));
    }
  });
  variants.add(
    segments.map((segment) => [...segment].map((char) => percent(char, false)).join("")).join("/"),
  );
  variants.add(`/${path}`);
  variants.add(`${path}/`);
  variants.add(path.replace("/", "/./"));
  variants.add(`/x/..${path}`);
  variants.add(`${path}?/result/`);
  variants.add(`${path}?/talks/x/result/y`);
  variants.add(`${path};/healthz`);
  variants.add(path.toUpperCase());
  variants.add(`/${path.slice(1).replaceAll("/", "%2F")}`);
  return [...variants].filter((variant) => variant !== path);
}
