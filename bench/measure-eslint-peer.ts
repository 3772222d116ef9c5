import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PEER_RULES, removePeerProject, runEslintPeer, writePeerProject } from './eslint-peer.js';
import { findingKey, generateRepository, type PeerFinding, type PeerRule } from './generate-repository.js';
import { nodeArgsFor, siblingModule } from './node-args-for.js';
import { summarise, withRate, type Rate, type WallTiming } from './time-runs.js';

export interface PeerRequest {
  /** Size and seed of the generated repository: the child generates the same files. */
  files: number;
  seed: number;
  /** Lint the first `lint` files (all of them are in the project, for type information). */
  lint: number;
  repeats: number;
  warmUp: boolean;
}

export interface PeerFigures {
  rules: readonly PeerRule[];
  typeInformation: 'projectService';
  files: number;
  lines: number;
  runs: Rate<WallTiming>;
  findingsByRule: Record<string, number>;
  expectedFound: number;
  expectedMissed: PeerFinding[];
  /** Reports the generator did not predict: a sign the peer was not set up as intended. */
  unexpectedFindings: number;
}

/**
 * In a process of its own: typescript-eslint keeps every program it built for the life of the
 * process, and a heap that holds them makes each later garbage collection, and so every other
 * figure of the bench, slower.
 */
export async function measureEslintPeer(request: PeerRequest): Promise<PeerFigures> {
  const child = siblingModule(import.meta.url, 'measure-eslint-peer-child');
  const { stdout } = await promisify(execFile)(process.execPath, nodeArgsFor(child, [JSON.stringify(request)]), { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as PeerFigures;
}

/** The measurement itself, run by the child: each run lints a fresh copy, so no cached program helps it. */
export async function measureEslintPeerHere(request: PeerRequest): Promise<PeerFigures> {
  if (request.warmUp) {
    const warm = generateRepository(40, request.seed + 1);
    const root = await writePeerProject(warm.files);
    await runEslintPeer(root, warm.files.slice(0, 10).map((file) => file.path)).finally(() => removePeerProject(root));
  }
  const repository = generateRepository(request.files, request.seed);
  const linted = repository.files.slice(0, request.lint);
  const runsMs: number[] = [];
  let findings: PeerFinding[] = [];
  for (let run = 0; run < request.repeats; run++) {
    const root = await writePeerProject(repository.files);
    try {
      const result = await runEslintPeer(root, linted.map((file) => file.path));
      runsMs.push(result.durationMs);
      findings = result.findings;
    } finally {
      await removePeerProject(root);
    }
  }
  const lintedPaths = new Set(linted.map((file) => file.path));
  const wanted = repository.peerFindings.filter((finding) => lintedPaths.has(finding.path));
  const got = new Set(findings.map(findingKey));
  const wantedKeys = new Set(wanted.map(findingKey));
  const lines = linted.reduce((sum, file) => sum + file.lines, 0);
  return {
    rules: PEER_RULES,
    typeInformation: 'projectService',
    files: linted.length,
    lines,
    runs: withRate(summarise(runsMs), lines),
    findingsByRule: Object.fromEntries(PEER_RULES.map((rule) => [rule, findings.filter((finding) => finding.rule === rule).length])),
    expectedFound: wanted.filter((finding) => got.has(findingKey(finding))).length,
    expectedMissed: wanted.filter((finding) => !got.has(findingKey(finding))).slice(0, 10),
    unexpectedFindings: findings.filter((finding) => !wantedKeys.has(findingKey(finding))).length,
  };
}
