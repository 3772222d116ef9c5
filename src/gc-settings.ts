import { setFlagsFromString } from 'node:v8';

/**
 * Process-wide garbage-collector settings of perf-review's own processes (the CLI, the App, its
 * workers), imported first by each entry point so that they apply before anything else allocates.
 *
 * V8 "pretenures" an allocation site, and allocates its objects straight into the old generation,
 * once most of them survived a young-generation collection. A review builds a short-lived syntax
 * tree and facts per file; when some of those sites were pretenured (by module loading, say), the
 * dead old objects kept each later file's young objects alive through every scavenge until a full
 * collection: a 1,000-file review then spent 1.9 s collecting instead of 0.4 s, at random from one
 * process to the next (bench/RESULTS.md). Without pretenuring, such objects are promoted only when
 * they do live long, which is what a review's allocations never do.
 */
setFlagsFromString('--no-allocation-site-pretenuring');
