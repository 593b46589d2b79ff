// async-exit-hook 2.0.1 ships no types: the part this package uses.
declare module 'async-exit-hook' {
  /** A hook taking `done` is asynchronous: the process waits for it on a signal (not on a plain exit). */
  type Hook = (() => void) | ((done: () => void) => void)
  interface ExitHook {
    (hook: Hook): void
    /** Exit anyway after this long while asynchronous hooks are still running (default 10 s). */
    forceExitTimeout(ms: number): void
  }
  const exitHook: ExitHook
  export default exitHook
}
