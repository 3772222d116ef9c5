import { parentPort } from 'node:worker_threads';
import { renderMjml } from '../templates/mjml.js';

/** A worker thread that renders MJML off the main event loop; it lives as long as its pool. */
parentPort!.on('message', (task: { id: string; mjml: string }) => {
  const html = renderMjml(task.mjml);
  parentPort!.postMessage({ id: task.id, html });
});

process.on('message', (msg) => {
  if (msg === 'shutdown') process.exit(0);
});
