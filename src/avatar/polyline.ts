/** A polyline y(x) stored flat as [x0, y0, x1, y1, …] sorted by x; flat beyond its ends. */
export function polylineAt(line: readonly number[], x: number): number {
  if (line.length < 2) return 0;
  if (x <= (line[0] as number)) return line[1] as number;
  for (let index = 2; index < line.length; index += 2) {
    const x1 = line[index] as number;
    if (x <= x1) {
      const x0 = line[index - 2] as number;
      const y0 = line[index - 1] as number;
      const y1 = line[index + 1] as number;
      return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return line[line.length - 1] as number;
}

/** Flattens points into a polyline sorted by x. */
export function polyline(points: (readonly [number, number])[]): number[] {
  return [...points].sort((left, right) => left[0] - right[0]).flat();
}
