// An offscreen canvas holding many n x n heatmap tiles stacked vertically,
// so a frame costs one putImageData however many neurons are drawn; the
// visible canvases then copy tiles from it with drawImage (scaled by the GPU).

export class HeatmapAtlas {
  constructor() {
    this.canvas = document.createElement('canvas');
    this.context = this.canvas.getContext('2d');
    this.size = 0;
    this.tiles = 0;
    this.image = null;
    this.pixels = null;
  }

  /** Makes room for `tiles` tiles of n x n; keeps the buffers when unchanged. */
  ensure(n, tiles) {
    if (n === this.size && tiles === this.tiles) return;
    this.size = n;
    this.tiles = tiles;
    this.canvas.width = n;
    this.canvas.height = Math.max(1, n * tiles);
    this.image = this.context.createImageData(n, Math.max(1, n * tiles));
    this.pixels = new Uint32Array(this.image.data.buffer);
  }

  /** Offset, in pixels of `pixels`, where tile `index` starts. */
  tileOffset(index) {
    return index * this.size * this.size;
  }

  commit() {
    if (this.image) this.context.putImageData(this.image, 0, 0);
  }

  drawTile(context, index, x, y, width, height = width) {
    const n = this.size;
    context.drawImage(this.canvas, 0, index * n, n, n, x, y, width, height);
  }
}
