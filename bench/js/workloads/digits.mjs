// D1's data for the libraries that are not the core: the same images in the
// same train/test split the core trains on. The core embeds
// data/digits/digits.bin and splits it from the config's seed; rather than
// parse the file and re-implement that shuffle a second time in JavaScript,
// the bench asks the core for both through its public JS API (points() gives
// each split's image indices and labels, digitPixels() an image's pixels),
// so the two can never drift apart. The loss cross-check confirms it: every
// library's train and test losses before training must match the core's.

export const DIGIT_INPUTS = 64;

/**
 * The split of `coreConfig` (a config with dataset "digits"), read through
 * `api` (web/api/index.js) with `options` (createTrainer's: build, wasmBaseUrl).
 * Returns {train, test}, each {x: Float32Array [count x 64] row-major in
 * [0, 1], labels: Int32Array [count], count}, in the core's order.
 */
export async function readDigitsSplit(api, options, coreConfig) {
  const trainer = await api.createTrainer(coreConfig, options);
  try {
    const { train, test } = trainer.points();
    const toSet = (points) => {
      const count = points.length / 3;
      const x = new Float32Array(count * DIGIT_INPUTS);
      const labels = new Int32Array(count);
      for (let i = 0; i < count; i++) {
        // A digits point is [image index, 0, label].
        x.set(trainer.digitPixels(points[3 * i]), i * DIGIT_INPUTS);
        labels[i] = points[3 * i + 2];
      }
      return { x, labels, count };
    };
    return { train: toSet(train), test: toSet(test) };
  } finally {
    trainer.delete();
  }
}
