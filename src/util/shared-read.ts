/**
 * A read shared by every caller that asks while it runs: the first call starts it, later calls made before it
 * settles get the same promise, and the first call after it settles starts a new one. A caller may therefore be
 * answered by a read that began shortly before it asked (never one that had settled before it asked), so what it
 * sees is at most one read's duration old. Failures are shared the same way and never kept.
 */
export function sharedRead<T>(read: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () => {
    if (inFlight) return inFlight;
    const started = read();
    inFlight = started;
    const settle = () => {
      if (inFlight === started) inFlight = undefined;
    };
    started.then(settle, settle);
    return started;
  };
}
