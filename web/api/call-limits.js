// What one call of the JS API may ask for: larger counts are refused, not
// queued. The core declares the same limits (cpp/model/call_limits.h) and
// checks them again; tests/js/api/core-constants.test.js holds these to it.

/** Most steps / epochs one call may run. */
export const MAX_STEPS_PER_CALL = 1e6;
export const MAX_EPOCHS_PER_CALL = 1e4;
/** A grid is n x n pixels, n in [MIN_GRID_SIZE, MAX_GRID_SIZE]. */
export const MIN_GRID_SIZE = 2;
export const MAX_GRID_SIZE = 512;
