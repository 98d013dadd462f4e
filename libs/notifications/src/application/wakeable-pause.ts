/** A pause that ends early when woken: how the delivery worker and the feed streams wait for new work. */
export class WakeablePause {
  private endEarly?: () => void;

  /** Resolves after `ms`, or as soon as wake() is called. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const end = () => {
        clearTimeout(timer);
        this.endEarly = undefined;
        resolve();
      };
      const timer = setTimeout(end, ms);
      this.endEarly = end;
    });
  }

  /** Ends the current pause, if any. */
  wake(): void {
    this.endEarly?.();
  }
}
