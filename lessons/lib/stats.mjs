// Summary statistics over seeds, so that each lesson can state its spread.

export function mean(values) {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Sample standard deviation (n - 1); 0 for a single value. */
export function std(values) {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / (values.length - 1));
}

export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

/** {n, mean, std, min, median, max} of finite values (non-finite ones are counted apart). */
export function summarize(values) {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { n: 0, nonFinite: values.length, mean: NaN, std: NaN, min: NaN, median: NaN, max: NaN };
  return {
    n: finite.length,
    nonFinite: values.length - finite.length,
    mean: mean(finite),
    std: std(finite),
    min: Math.min(...finite),
    median: quantile(finite, 0.5),
    max: Math.max(...finite),
  };
}

export function geometricMean(values) {
  return Math.exp(mean(values.map(Math.log)));
}

/** The seeds first, first + 1, ... (count of them). */
export function seedRange(count, first = 1) {
  return Array.from({ length: count }, (_, i) => first + i);
}
