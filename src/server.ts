import { run } from 'probot';
import app from './app.js';
import { ReviewOctokit } from './github/review-octokit.js';

/**
 * `npm start`: Probot's runner, with the environment it documents (APP_ID, PRIVATE_KEY, PORT…),
 * and the client this App needs. `probot run` has no way to be given a client class.
 */
await run(app, { Octokit: ReviewOctokit });
