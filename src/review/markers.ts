/** Hidden markers that let the App find its own comments again. */
export const SUMMARY_MARKER = '<!-- perf-review:summary -->';

/** Ends the body of a review that requests changes, so the App can dismiss it once nothing blocks. */
export const CHANGES_REQUESTED_MARKER = '<!-- perf-review:changes-requested -->';

export function fingerprintMarker(fingerprint: string): string {
  return `<!-- perf-review:fp=${fingerprint} -->`;
}

/** Fingerprints carried by comment bodies written by `fingerprintMarker`. */
export function fingerprintsIn(body: string | null | undefined): string[] {
  return [...(body ?? '').matchAll(/<!-- perf-review:fp=([0-9a-f]+(?:-[0-9]+)?) -->/g)].map((m) => m[1]!);
}
