/**
 * On `signal`, runs `stop` and exits; past `graceMs` it exits anyway. A review cut short that way
 * is not lost: on Redis its job's lock expires and another worker runs it again, and its check
 * run, left in progress, is picked up by that review or the next push.
 */
export function shutdownOn(signal: NodeJS.Signals, graceMs: number, stop: () => Promise<void>): void {
  process.once(signal, () => {
    const timer = setTimeout(() => {
      console.error(`Shutdown took longer than ${graceMs} ms: exiting with reviews still running`);
      process.exit(1);
    }, graceMs);
    timer.unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown failed', error);
        process.exit(1);
      },
    );
  });
}
