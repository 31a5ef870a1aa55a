// Which checkpoints the replay timeline keeps within its budget. Pure: no
// core, no clock; entries are plain records {step, bytes, keep, ...}.
//
// The policy: the start (the first entry) and the newest are never dropped;
// marked entries (keep: a restore point after a divergence, a setting change,
// a fork) go only when unmarked ones cannot pay for the budget, oldest first.
// Among the rest, the one dropped is the one whose neighbours are closest
// relative to its age: (next.step - previous.step) / (newest.step - step).
// Spacing then grows in proportion to age, so the recent past stays dense
// and older history thins out geometrically (about as many checkpoints
// between steps N/2 and N ago as between N/4 and N/2).

/**
 * The index of the entry to drop from `entries` (sorted by step, ascending),
 * or -1 when only the start and the newest are left.
 * @param {{step: number, keep?: boolean}[]} entries
 */
export function evictionIndex(entries) {
  const last = entries.length - 1;
  if (last < 2) return -1;
  const newest = entries[last].step;
  let best = -1;
  let bestScore = Infinity;
  for (let i = 1; i < last; i++) {
    if (entries[i].keep) continue;
    const gap = entries[i + 1].step - entries[i - 1].step;
    const score = gap / Math.max(1, newest - entries[i].step);
    if (score < bestScore) {
      best = i;
      bestScore = score;
    }
  }
  if (best !== -1) return best;
  return 1; // only marked entries between the ends: the oldest of them
}

/**
 * The kept checkpoints and marks of one run, within {maxBytes, maxCount,
 * maxMarks, minCount}. A checkpoint is {step, bytes, keep?, ...payload}.
 */
export class CheckpointStore {
  constructor({ maxBytes, maxCount, maxMarks, minCount = 2 }) {
    this.maxBytes = maxBytes;
    this.maxCount = Math.max(2, maxCount);
    this.maxMarks = maxMarks;
    this.minCount = Math.max(2, minCount);
    this.clear();
  }

  clear() {
    this.entries = [];
    this.marks = [];
    this.bytes = 0;
    this.refused = null; // why the last checkpoint was not kept (too big), or null
  }

  /** Whether a checkpoint of `bytes` can be kept at all: minCount of them must fit. */
  fits(bytes) {
    return bytes * this.minCount <= this.maxBytes;
  }

  /**
   * Keeps `entry`, then drops what the budget cannot hold. An entry at the
   * newest step replaces it (a weight edit at the same step); one before it
   * means the run went back (divergence, fork): the later entries go first.
   * Returns false (and keeps nothing) when the entry is too big to keep.
   */
  add(entry) {
    if (!this.fits(entry.bytes)) {
      this.refused = `a checkpoint of ${entry.bytes.toLocaleString('en')} bytes: fewer than ${this.minCount} fit the ${this.maxBytes.toLocaleString('en')}-byte budget`;
      return false;
    }
    this.refused = null;
    const newest = this.entries.at(-1);
    if (newest && entry.step <= newest.step) {
      const keep = entry.step === newest.step && newest.keep;
      this.dropAfter(entry.step - 1, { marks: false });
      entry = keep ? { ...entry, keep: true } : entry;
    }
    this.entries.push(entry);
    this.bytes += entry.bytes;
    while (this.entries.length > 2 && (this.bytes > this.maxBytes || this.entries.length > this.maxCount)) {
      const [dropped] = this.entries.splice(evictionIndex(this.entries), 1);
      this.bytes -= dropped.bytes;
    }
    return true;
  }

  /** A mark on the timeline {step, kind, detail?}; the oldest go past maxMarks. */
  mark(mark) {
    this.marks.push(mark);
    this.marks.sort((a, b) => a.step - b.step);
    while (this.marks.length > this.maxMarks) this.marks.shift();
  }

  /** Drops the entries (and, unless told, the marks) after `step`. Returns how many entries went. */
  dropAfter(step, { marks = true } = {}) {
    let cut = this.entries.length;
    while (cut > 0 && this.entries[cut - 1].step > step) cut -= 1;
    const dropped = this.entries.splice(cut);
    for (const entry of dropped) this.bytes -= entry.bytes;
    if (marks) this.marks = this.marks.filter((m) => m.step <= step);
    return dropped.length;
  }

  /** The entry at exactly `step`, or undefined. */
  at(step) {
    return this.entries.find((entry) => entry.step === step);
  }

  /** The kept entry nearest to `step` (the earlier on a tie), or undefined when empty. */
  nearest(step) {
    let best;
    for (const entry of this.entries) {
      if (best === undefined || Math.abs(entry.step - step) < Math.abs(best.step - step)) best = entry;
    }
    return best;
  }
}
