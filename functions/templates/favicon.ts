/**
 * The site's icon, drawn in code so that the Lambda bundle needs no asset files: the programme's
 * green as a rounded square with a white tick (the mark of a certificate), 32×32 pixels, as an ICO
 * file holding one uncompressed 32-bit bitmap (the format every browser reads for /favicon.ico).
 */
const size = 32;
const green = [0x00, 0x59, 0x4f] as const; // --accent of the pages

/** Distance from point p to the segment a–b. */
function distanceToSegment(px: number, py: number, [ax, ay]: [number, number], [bx, by]: [number, number]): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function pixel(x: number, y: number): [number, number, number, number] {
  const cx = x + 0.5;
  const cy = y + 0.5;
  // Rounded square: outside the corner circles is transparent.
  const r = 6;
  const qx = Math.max(r - cx, 0, cx - (size - r));
  const qy = Math.max(r - cy, 0, cy - (size - r));
  if (Math.hypot(qx, qy) > r) return [0, 0, 0, 0];
  const tick = Math.min(distanceToSegment(cx, cy, [8, 17], [14, 23]), distanceToSegment(cx, cy, [14, 23], [25, 10]));
  return tick <= 2.4 ? [255, 255, 255, 255] : [...green, 255];
}

function buildIco(): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  // Bitmaps are stored bottom-up, as BGRA.
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      pixels.set([b, g, r, a], ((size - 1 - y) * size + x) * 4);
    }
  }
  const andMask = Buffer.alloc((size / 8) * size); // all zero: the alpha channel decides
  const info = Buffer.alloc(40);
  info.writeUInt32LE(40, 0); // header size
  info.writeInt32LE(size, 4);
  info.writeInt32LE(size * 2, 8); // ICO bitmaps count the AND mask in the height
  info.writeUInt16LE(1, 12); // planes
  info.writeUInt16LE(32, 14); // bits per pixel
  info.writeUInt32LE(pixels.length + andMask.length, 20);
  const image = Buffer.concat([info, pixels, andMask]);

  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt16LE(1, 10); // planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(image.length, 14);
  header.writeUInt32LE(header.length, 18); // offset of the image
  return Buffer.concat([header, image]);
}

export const faviconIco: Buffer = buildIco();
