import type { ProbotOctokit } from 'probot';

/** An installation-authenticated client: every call this layer makes goes through it. */
export type GitHub = ProbotOctokit;
