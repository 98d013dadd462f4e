import { Controller, Module } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { createEvent, dlqTopic, EventEnvelope, Topics } from '@appliance-care/contracts';
import { EventFactory, MessagingModule, physicalTopic } from '@appliance-care/messaging';
import { BusinessRuleError, Correlation, PlatformModule } from '@appliance-care/platform';
import { isolateTestEnv, KafkaProbe, TestEnv, waitFor } from '@appliance-care/testing';

import { RunningService, startTestService } from '../src';

const handled: EventEnvelope[] = [];
const contexts: (string | undefined)[] = [];

@Controller()
class FaultHandler {
  constructor(private readonly events: EventFactory) {}

  @EventPattern('device.fault.reported.v1')
  async onFault(event: EventEnvelope<{ serialNumber: string; errorCode: string }>): Promise<void> {
    if (event.data.errorCode === 'UNKNOWN')
      throw new BusinessRuleError('unknown-serial', `no appliance with serial ${event.data.serialNumber}`);
    contexts.push(Correlation.current()?.correlationId);
    contexts.push(
      this.events.create('notification.sent.v1', {
        notificationId: 'n1',
        recipientId: 'r1',
        recipientKind: 'customer',
        channel: 'email',
        template: 't',
        sourceEventId: event.id,
        sourceEventType: event.type,
        sentAt: new Date().toISOString(),
      }).causationid,
    );
    handled.push(event);
  }
}

@Module({})
class TestModule {
  static register(config: Parameters<typeof PlatformModule.forRoot>[0]) {
    return {
      module: TestModule,
      imports: [PlatformModule.forRoot(config), MessagingModule.forRoot({ service: 'diagnostics', outboxModels: [] })],
      controllers: [FaultHandler],
    };
  }
}

describe('@EventPattern handlers on the Kafka batch transport', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  const topic = () => physicalTopic(Topics.deviceFaults);

  beforeAll(async () => {
    env = isolateTestEnv('transport');
    svc = await startTestService('diagnostics', (c) => TestModule.register(c), env);
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([topic(), dlqTopic(topic())]);
  });
  afterAll(async () => {
    await probe.close();
    await svc.close();
  });

  it('delivers validated envelopes in their correlation context and dead-letters domain errors', async () => {
    const bad = createEvent({
      type: 'device.fault.reported.v1',
      source: '/t',
      correlationid: 'corr-x',
      data: { serialNumber: 'S-X', errorCode: 'UNKNOWN', reportedAt: new Date().toISOString() },
    });
    const good = createEvent({
      type: 'device.fault.reported.v1',
      source: '/t',
      correlationid: 'corr-y',
      data: { serialNumber: 'S-X', errorCode: 'E1', reportedAt: new Date().toISOString() },
    });
    await probe.publish(topic(), bad);
    await probe.publish(topic(), good, 'structured');

    await waitFor(() => handled.some((e) => e.id === good.id), { what: 'good event handled' });
    expect(contexts).toEqual(['corr-y', good.id]);
    const dead = await probe.waitForMessages(dlqTopic(topic()), 1);
    expect(dead[0].headers).toMatchObject({
      'x-error-code': 'unknown-serial',
      'x-error-message': 'no appliance with serial S-X',
      'x-consumer-group': `${env.topicPrefix.replace(/^test\./, 'test.')}appliance-care.diagnostics`,
    });
  });
});
