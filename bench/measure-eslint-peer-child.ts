// Measures the ESLint peer in a fresh process and prints its figures (see measure-eslint-peer.ts).
import { measureEslintPeerHere, type PeerRequest } from './measure-eslint-peer.js';

const request = JSON.parse(process.argv[2]!) as PeerRequest;
process.stdout.write(JSON.stringify(await measureEslintPeerHere(request)));
