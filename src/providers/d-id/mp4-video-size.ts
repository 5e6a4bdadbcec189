const CONTAINERS = new Set(["moov", "trak"]);

/**
 * Width and height of the first video track of an MP4, from its `tkhd` box (16.16 fixed point), so a downloaded
 * video can be described without running a decoder. Undefined when the file has no such box.
 */
export function mp4VideoSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return search(view, 0, bytes.byteLength);
}

function search(view: DataView, start: number, end: number): { width: number; height: number } | undefined {
  let offset = start;
  while (offset + 8 <= end) {
    let size = view.getUint32(offset);
    const type = String.fromCharCode(...new Uint8Array(view.buffer, view.byteOffset + offset + 4, 4));
    let header = 8;
    if (size === 1 && offset + 16 <= end) {
      size = Number(view.getBigUint64(offset + 8));
      header = 16;
    } else if (size === 0) {
      size = end - offset;
    }
    if (size < header || offset + size > end) return undefined;
    if (CONTAINERS.has(type)) {
      const found = search(view, offset + header, offset + size);
      if (found) return found;
    } else if (type === "tkhd") {
      const version = view.getUint8(offset + header);
      // Width and height are the last 8 bytes of the box; audio tracks have 0 × 0.
      const width = view.getUint32(offset + size - 8) / 65536;
      const height = view.getUint32(offset + size - 4) / 65536;
      if ((version === 0 || version === 1) && width > 0 && height > 0) return { width, height };
    }
    offset += size;
  }
  return undefined;
}
