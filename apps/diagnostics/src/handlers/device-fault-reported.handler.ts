import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';

import { DeviceFaultReported, EventEnvelope } from '@appliance-care/contracts';
import { HeldFaults } from '@appliance-care/diagnostics';
import { MessageMeta } from '@appliance-care/messaging';

@Controller()
export class DeviceFaultReportedHandler {
  constructor(private readonly heldFaults: HeldFaults) {}

  /**
   * A fault from an unknown serial is held in the store (its appliance.registered.v1 may still be on
   * its way), so the partition goes on; past its hold it goes to devices.faults.v1.dlq as unknown-serial.
   * The context is where the consumer read the event: the dead letter names it.
   */
  @EventPattern('device.fault.reported.v1')
  async handle(@Payload() event: EventEnvelope<DeviceFaultReported>, @Ctx() meta: MessageMeta): Promise<void> {
    await this.heldFaults.faultReported(event, meta);
  }
}
