import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { DiagnosisCompleted, EventEnvelope } from '@appliance-care/contracts';
import { OpenRepairTicket } from '@appliance-care/repairs';

@Controller()
export class DiagnosisCompletedHandler {
  constructor(private readonly openTicket: OpenRepairTicket) {}

  @EventPattern('diagnosis.completed.v1')
  async handle(event: EventEnvelope<DiagnosisCompleted>): Promise<void> {
    await this.openTicket.execute(event);
  }
}
