// Drawing the masks over the source on the source grid (one canvas pixel per DICOM pixel; CSS scales with
// image-rendering: pixelated). Colours: the Okabe-Ito palette, distinguishable with the common colour-vision
// deficiencies (Okabe & Ito 2008, "Color Universal Design").

export const RECOMMENDED_COLOUR = '#F0E442';
export const CANDIDATE_COLOURS = ['#E69F00', '#56B4E9', '#009E73', '#CC79A7', '#0072B2', '#D55E00'];

export function candidateColour(rank) {
  return CANDIDATE_COLOURS[(rank - 1) % CANDIDATE_COLOURS.length];
}

function canvasOf(width, height) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

/** The mask (white where set, transparent elsewhere) filled with one colour. */
export function filled(mask, colour) {
  const canvas = canvasOf(mask.width, mask.height);
  const context = canvas.getContext('2d');
  context.drawImage(mask, 0, 0);
  context.globalCompositeOperation = 'source-in';
  context.fillStyle = colour;
  context.fillRect(0, 0, mask.width, mask.height);
  return canvas;
}

/** The mask's boundary: set pixels with an unset 4-neighbour (or on the image border), in one colour. */
export function outlined(mask, colour) {
  const width = mask.width;
  const height = mask.height;
  const source = canvasOf(width, height).getContext('2d', { willReadFrequently: true });
  source.drawImage(mask, 0, 0);
  const bits = source.getImageData(0, 0, width, height).data;
  const set = (x, y) => x >= 0 && y >= 0 && x < width && y < height && bits[(y * width + x) * 4 + 3] > 127;
  const canvas = canvasOf(width, height);
  const context = canvas.getContext('2d');
  const out = context.createImageData(width, height);
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (set(x, y) && !(set(x - 1, y) && set(x + 1, y) && set(x, y - 1) && set(x, y + 1))) {
        const i = (y * width + x) * 4;
        out.data[i] = r;
        out.data[i + 1] = g;
        out.data[i + 2] = b;
        out.data[i + 3] = 255;
      }
    }
  }
  context.putImageData(out, 0, 0);
  return canvas;
}

/**
 * The square region around every mask's set pixels, with a margin of half its size on each side (at least 32 pixels
 * wide), kept inside the image: where the large view zooms, so a small structure fills it. Null when no mask is set.
 */
export function regionOfInterest(masks, width, height) {
  let [left, top, right, bottom] = [width, height, -1, -1];
  const context = canvasOf(width, height).getContext('2d', { willReadFrequently: true });
  for (const mask of masks) {
    context.clearRect(0, 0, width, height);
    context.drawImage(mask, 0, 0);
    const alpha = context.getImageData(0, 0, width, height).data;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (alpha[(y * width + x) * 4 + 3] > 127) {
          left = Math.min(left, x);
          right = Math.max(right, x);
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
        }
      }
    }
  }
  if (right < 0) {
    return null;
  }
  const size = Math.min(Math.max(width, height), Math.max(32, 2 * Math.max(right - left + 1, bottom - top + 1)));
  const clamp = (start, extent) => Math.max(0, Math.min(start, extent - size));
  return { x: clamp(Math.round((left + right + 1 - size) / 2), width),
    y: clamp(Math.round((top + bottom + 1 - size) / 2), height), width: Math.min(size, width),
    height: Math.min(size, height) };
}

/**
 * Draws the source and the layers ({canvas, alpha}) onto a canvas on the source grid: the whole image, or only
 * {@code region} ({x, y, width, height} in source pixels) when given.
 */
export function compose(target, source, layers, region) {
  const { x, y, width, height } = region || { x: 0, y: 0, width: source.width, height: source.height };
  target.width = width;
  target.height = height;
  const context = target.getContext('2d');
  context.imageSmoothingEnabled = false;
  context.globalAlpha = 1;
  context.drawImage(source, x, y, width, height, 0, 0, width, height);
  for (const layer of layers) {
    context.globalAlpha = layer.alpha;
    context.drawImage(layer.canvas, x, y, width, height, 0, 0, width, height);
  }
  context.globalAlpha = 1;
}
