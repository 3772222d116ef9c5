/**
 * On the first of `signals`, runs `stop` and exits; past `graceMs` it exits anyway. On Redis a
 * review cut short that way is not lost: its job's lock expires and another worker runs it again,
 * reusing its check run. In the App's own queue it is: its check run stays in progress until the
 * next push or a re-run.
 */
export function shutdownOn(signals: NodeJS.Signals[], graceMs: number, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = () => {
    if (stopping) return;
    stopping = true;
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
  };
  for (const signal of signals) process.on(signal, onSignal);
}
