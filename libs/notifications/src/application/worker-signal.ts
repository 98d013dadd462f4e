import { Injectable } from '@nestjs/common';

/** Lets a writer wake the delivery worker at once instead of at its next poll. */
@Injectable()
export class WorkerSignal {
  private listener?: () => void;

  wake(): void {
    this.listener?.();
  }

  onWake(listener: () => void): void {
    this.listener = listener;
  }
}
