/**
 * The end of a turn of the event loop. Under load one poll of the loop finds several requests
 * ready; Node runs their callbacks one after another, then the `setImmediate` callbacks: that is
 * the turn's end (docs/architecture.md, "Once per turn").
 */

let ending: Promise<void> | undefined;

/**
 * Resolves when the current turn's `setImmediate` callbacks run. Answers held until then leave
 * together: their socket writes reach a client already awake for the first, which makes each
 * cheaper than a write alone (bench/README.md).
 */
export function turnEnd(): Promise<void> {
  ending ??= new Promise((resolve) =>
    setImmediate(() => {
      ending = undefined;
      resolve();
    }),
  );
  return ending;
}
