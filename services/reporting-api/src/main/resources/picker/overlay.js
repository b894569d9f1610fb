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

/** Draws the source and the layers ({canvas, alpha}) onto a canvas the size of the source grid. */
export function compose(target, source, layers) {
  target.width = source.width;
  target.height = source.height;
  const context = target.getContext('2d');
  context.imageSmoothingEnabled = false;
  context.globalAlpha = 1;
  context.drawImage(source, 0, 0);
  for (const layer of layers) {
    context.globalAlpha = layer.alpha;
    context.drawImage(layer.canvas, 0, 0);
  }
  context.globalAlpha = 1;
}
