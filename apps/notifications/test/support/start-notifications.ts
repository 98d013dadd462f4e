import mongoose, { Connection } from 'mongoose';

import { Topics } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { NotificationsConfig } from '@appliance-care/notifications';
import { RunningService, startTestService } from '@appliance-care/service-testing';
import { KafkaProbe, TestEnv } from '@appliance-care/testing';

import { AppModule } from '../../src/app.module';

export interface StartedNotifications {
  svc: RunningService;
  db: Connection;
  probe: KafkaProbe;
}

/** The notifications service in-process with the given config, its database, and a probe on its topic. */
export async function startNotifications(env: TestEnv, config: NotificationsConfig): Promise<StartedNotifications> {
  const svc = await startTestService('notifications', (c) => AppModule.register(c, config), env);
  const db = await mongoose.createConnection(env.mongoUri, { dbName: svc.config.database }).asPromise();
  const probe = new KafkaProbe(env.kafkaBrokers);
  await probe.watch([physicalTopic(Topics.notifications)]);
  return { svc, db, probe };
}

/** Closes what startNotifications opened, as far as it got. */
export async function stopNotifications({ svc, db, probe }: Partial<StartedNotifications>): Promise<void> {
  await svc?.close();
  await probe?.close();
  await db?.close();
}
