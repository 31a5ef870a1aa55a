// The origins= link parameter: which parent pages may drive the page in an
// iframe (frame-messages.js). Pure.

/**
 * Reads an origins= value ("https://a.example,https://b.example" or "*"):
 * the parent pages that may drive this page in an iframe. Returns {origins,
 * errors}: each entry must be an http(s) origin exactly as URL.origin writes
 * it (no path, no trailing slash), or "*" written out.
 */
export function parseOrigins(text) {
  const origins = [];
  const errors = [];
  for (const entry of String(text ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    let exact = false;
    try {
      const url = new URL(entry);
      // A * inside a host parses, but it matches nothing: refused, rather than read as a wildcard it is not.
      exact = (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === entry && !url.hostname.includes('*');
    } catch {
      // not a URL: refused below
    }
    if (entry === '*' || exact) {
      if (!origins.includes(entry)) origins.push(entry);
    } else {
      errors.push(`origins: ${JSON.stringify(entry)} is not an origin; write the scheme, host and port only (like https://example.org), or *`);
    }
  }
  return { origins, errors };
}
