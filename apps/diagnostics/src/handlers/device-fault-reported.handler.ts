import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { DeviceFaultReported, EventEnvelope } from '@appliance-care/contracts';
import { ProblemIntake } from '@appliance-care/diagnostics';

@Controller()
export class DeviceFaultReportedHandler {
  constructor(private readonly intake: ProblemIntake) {}

  /**
   * A fault from an unknown serial is retried until its time plus DEVICE_FAULT_HOLD_MINUTES (its
   * appliance.registered.v1 may still be on its way), then goes to devices.faults.v1.dlq as unknown-serial.
   */
  @EventPattern('device.fault.reported.v1')
  async handle(event: EventEnvelope<DeviceFaultReported>): Promise<void> {
    await this.intake.reportByDevice(event.id, event.data, new Date(event.time));
  }
}
