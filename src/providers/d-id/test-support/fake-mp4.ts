/** A box: 32-bit size, 4-letter type, payload. */
function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(body.length + 8, 0);
  header.write(type, 4, "ascii");
  return Buffer.concat([header, body]);
}

function trackHeader(width: number, height: number): Buffer {
  // Version 0 tkhd: flags, times, track id, duration, layer, volume, matrix, then 16.16 width and height.
  const payload = Buffer.alloc(84);
  payload.writeUInt32BE(0x00000003, 0);
  payload.writeUInt32BE(1, 12);
  payload.writeUInt32BE(0x00010000, 40);
  payload.writeUInt32BE(0x00010000, 56);
  payload.writeUInt32BE(0x40000000, 72);
  payload.writeUInt32BE(width * 65536, 76);
  payload.writeUInt32BE(height * 65536, 80);
  return box("tkhd", payload);
}

/** The box structure of an MP4 (ftyp, moov with an audio and a video track, mdat), enough for a client to check. */
export function fakeMp4(width: number, height: number): Buffer {
  const ftyp = box("ftyp", Buffer.from("isom\0\0\x02\0isomiso2avc1mp41", "latin1"));
  const audio = box("trak", trackHeader(0, 0));
  const video = box("trak", trackHeader(width, height));
  return Buffer.concat([ftyp, box("moov", audio, video), box("mdat", Buffer.alloc(64, 7))]);
}
