// Frames drawn per second, over a sliding window of about one second.
// Pure: the caller passes the frame timestamps (requestAnimationFrame's `now`).

export function createFrameMeter(windowMs = 1000) {
  const times = [];
  return {
    tick(now) {
      times.push(now);
      while (times.length > 1 && now - times[0] > windowMs) times.shift();
    },
    get fps() {
      if (times.length < 2) return 0;
      const span = times[times.length - 1] - times[0];
      return span > 0 ? ((times.length - 1) * 1000) / span : 0;
    },
  };
}
