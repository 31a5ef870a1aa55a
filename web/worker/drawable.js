// What of a snapshot request the running data can be drawn with: the one
// place the page learns that "digits" has no plane. The page asks for all it
// could draw (a grid, its regions, the digits report); the worker knows the
// config the trainer runs and answers digits, whose inputs are 8x8 images
// rather than points of a plane, without a grid and without regions.

/** The request as it is served for `config`: {gridSize: 0, regions: false} for digits, else unchanged. */
export function drawableRequest(config, request) {
  if (config.dataset !== 'digits') return request;
  return { ...request, gridSize: 0, regions: false };
}
