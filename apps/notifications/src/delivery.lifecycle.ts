import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';

import {
  DELIVERY_CHANNELS,
  DeliveryChannels,
  DeliveryWorker,
  EmailChannel,
  RecipientWaitSweeper,
} from '@appliance-care/notifications';

/** Runs the delivery worker and the recipient-wait sweep with the application, and stops them first. */
@Injectable()
export class DeliveryLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly worker: DeliveryWorker,
    private readonly sweeper: RecipientWaitSweeper,
    @Inject(DELIVERY_CHANNELS) private readonly channels: DeliveryChannels,
  ) {}

  onApplicationBootstrap(): void {
    this.worker.start();
    this.sweeper.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.sweeper.stop();
    await this.worker.stop();
    if (this.channels.email instanceof EmailChannel) this.channels.email.close();
  }
}
