import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { DeviceFaultReported, EventEnvelope } from '@appliance-care/contracts';
import { ProblemIntake } from '@appliance-care/diagnostics';

@Controller()
export class DeviceFaultReportedHandler {
  constructor(private readonly intake: ProblemIntake) {}

  /** An unknown serial throws unknown-serial: the fault goes to devices.faults.v1.dlq with that reason. */
  @EventPattern('device.fault.reported.v1')
  async handle(event: EventEnvelope<DeviceFaultReported>): Promise<void> {
    await this.intake.reportByDevice(event.id, event.data);
  }
}
