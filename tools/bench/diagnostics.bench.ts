// npm run bench:diagnostics [-- --faults 2000 --appliances 50 --reports 200]
// (i) triage alone: decisions/s and p50/p99 over mixed inputs from the shipped knowledge base;
// (ii) device faults from Kafka to counted occurrences: a storm of repeats over N appliances (one open
// case each), faults/s until every repeat is counted; (iii) customer reports over REST (triage +
// case with its outbox events), p50/p99 and reports/s at 8 concurrent callers. The service runs in
// this process (startTestService) against the real broker and store.
import 'reflect-metadata';

import { getModelToken } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import pLimit from 'p-limit';

import { createEvent, DeviceFaultReported, EventEnvelope, toKafkaRecord, Topics } from '@appliance-care/contracts';
import {
  APPLIANCE_COPY_MODEL,
  ApplianceCopyDocument,
  CASE_MODEL,
  CaseDocument,
  ProblemIntake,
  shippedKnowledgeBase,
  triage,
} from '@appliance-care/diagnostics';
import { physicalTopic } from '@appliance-care/messaging';
import { Correlation } from '@appliance-care/platform';
import { http, tokenFor } from '@appliance-care/service-testing';

import { AppModule } from '../../apps/diagnostics/src/app.module';
import { numberArg, percentile, runBenchmark, ServiceUnderBench, serviceUnderBench, until } from './bench-kit';

const FAULTS = numberArg('faults', 2000);
const APPLIANCES = numberArg('appliances', 50);
const REPORTS = numberArg('reports', 200);
process.env['LOG_LEVEL'] ??= 'warn';

interface BenchAppliance {
  id: string;
  serial: string;
  customer: string;
}

function benchTriage(): void {
  const kb = shippedKnowledgeBase();
  const inputs = [
    { category: 'washing-machine', errorCode: 'E21', symptoms: 'water left in drum, not draining' },
    { category: 'gas-hob', symptoms: "burner won't light and I can smell gas" },
    { category: 'fridge-freezer', symptoms: 'freezer cold fridge warm, not cooling' },
    { category: 'combi-boiler', errorCode: 'F22', symptoms: 'pressure dropped' },
    { category: 'heat-pump', errorCode: 'E5', symptoms: 'ice on pipes' },
    { category: 'dishwasher', symptoms: 'cloudy glasses and white residue' },
  ];
  const n = 50_000;
  const times: number[] = [];
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const input = inputs[i % inputs.length];
    const t = process.hrtime.bigint();
    triage(kb.forCategory(input.category), input);
    times.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(
    `triage: ${n} decisions in ${seconds.toFixed(2)} s = ${Math.round(n / seconds)}/s; p50 ${percentile(times, 50).toFixed(1)} µs, p99 ${percentile(times, 99).toFixed(1)} µs`,
  );
}

/** The customer and appliance registrations diagnostics keeps local copies of. */
function registrations(appliances: BenchAppliance[]): EventEnvelope[] {
  return appliances.flatMap((a) => [
    createEvent({
      type: 'customer.registered.v1',
      source: '/bench',
      data: {
        customerId: a.customer,
        name: 'Bench',
        email: 'b@example.org',
        locale: 'en-GB',
        region: 'london',
        registeredAt: new Date().toISOString(),
      },
    }),
    createEvent({
      type: 'appliance.registered.v1',
      source: '/bench',
      subject: a.id,
      data: {
        applianceId: a.id,
        serialNumber: a.serial,
        sku: 'WM-1',
        category: 'washing-machine',
        customerId: a.customer,
        orderId: `O-${a.id}`,
        purchasedAt: new Date().toISOString(),
        warrantyMonths: 24,
        warrantyEndsAt: new Date(Date.now() + 3e10).toISOString(),
        region: 'london',
        installationRequired: false,
      },
    }),
  ]);
}

async function register(bench: ServiceUnderBench, appliances: BenchAppliance[]): Promise<void> {
  const events = registrations(appliances);
  const key = (e: EventEnvelope) =>
    e.type === 'appliance.registered.v1' ? e.subject! : (e.data as { customerId: string }).customerId;
  const topic = physicalTopic(Topics.salesInstallation);
  await bench.producer.send({ topic, acks: -1, messages: events.map((e) => toKafkaRecord(e, key(e))) });
  const copies = bench.svc.app.get<Model<ApplianceCopyDocument>>(getModelToken(APPLIANCE_COPY_MODEL));
  const ids = appliances.map((a) => a.id);
  await until(async () => (await copies.countDocuments({ _id: { $in: ids } })) === APPLIANCES, 60_000, 'local copies');
}

/** (ii) the storm: every appliance repeats E21 FAULTS/APPLIANCES times, until every repeat is counted. */
async function faultStorm(bench: ServiceUnderBench, appliances: BenchAppliance[]): Promise<void> {
  const faults = Array.from({ length: FAULTS }, (_, i) =>
    createEvent({
      type: 'device.fault.reported.v1',
      source: '/bench',
      data: { serialNumber: appliances[i % APPLIANCES].serial, errorCode: 'E21', reportedAt: new Date().toISOString() },
    }),
  );
  const cases = bench.svc.app.get<Model<CaseDocument>>(getModelToken(CASE_MODEL));
  const started = Date.now();
  for (let i = 0; i < faults.length; i += 500) {
    const messages = faults
      .slice(i, i + 500)
      .map((e) => toKafkaRecord(e, (e.data as DeviceFaultReported).serialNumber));
    await bench.producer.send({ topic: physicalTopic(Topics.deviceFaults), acks: -1, messages });
  }
  const ofStorm = { source: 'device' as const, applianceId: { $in: appliances.map((a) => a.id) } };
  const counted = async () => {
    const [row] = await cases.aggregate<{ total: number }>([
      { $match: ofStorm },
      { $group: { _id: null, total: { $sum: '$occurrences' } } },
    ]);
    return row?.total === FAULTS;
  };
  await until(counted, 600_000, 'every fault counted');
  const stormSeconds = (Date.now() - started) / 1000;
  const opened = await cases.countDocuments(ofStorm);
  console.log(
    `device faults: ${FAULTS} over ${APPLIANCES} appliances → ${opened} cases in ${stormSeconds.toFixed(2)} s = ${Math.round(FAULTS / stormSeconds)} faults/s`,
  );
}

/** (ii-b) the handler alone, one repeat at a time: the store's cost of counting one repeat. */
async function handlerAlone(bench: ServiceUnderBench, appliance: BenchAppliance): Promise<void> {
  const intake = bench.svc.app.get(ProblemIntake);
  const handlerTimes: number[] = [];
  for (let i = 0; i < 100; i++) {
    const fault = createEvent({
      type: 'device.fault.reported.v1',
      source: '/bench',
      data: { serialNumber: appliance.serial, errorCode: 'E21', reportedAt: new Date().toISOString() },
    });
    const t = Date.now();
    // as its consumer runs it: the fault is the cause of what the handler produces
    await Correlation.run({ correlationId: fault.correlationid, causationId: fault.id }, () =>
      intake.reportByDevice(fault.id, fault.data as DeviceFaultReported),
    );
    handlerTimes.push(Date.now() - t);
  }
  console.log(
    `one repeat, handler alone (sequential): p50 ${percentile(handlerTimes, 50)} ms, p99 ${percentile(handlerTimes, 99)} ms`,
  );
}

/** (iii) customer reports over REST, 8 callers. */
async function customerReports(bench: ServiceUnderBench, appliances: BenchAppliance[]): Promise<void> {
  const dispatcher = await tokenFor('dispatcher');
  const latencies: number[] = [];
  const callers = pLimit(8);
  const restStart = Date.now();
  const report = async (n: number) => {
    const a = appliances[n % APPLIANCES];
    const t = Date.now();
    const res = await http('POST', `${bench.svc.url}/api/v1/appliances/${a.id}/problems`, {
      token: dispatcher,
      body: { symptoms: 'loud grinding on spin, drum loose' },
    });
    if (res.status !== 201) throw new Error(`report failed: ${res.status} ${JSON.stringify(res.body)}`);
    latencies.push(Date.now() - t);
  };
  await Promise.all(Array.from({ length: REPORTS }, (_, n) => callers(() => report(n))));
  const restSeconds = (Date.now() - restStart) / 1000;
  console.log(
    `customer reports: ${REPORTS} in ${restSeconds.toFixed(2)} s = ${Math.round(REPORTS / restSeconds)}/s; p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms`,
  );
}

async function main(): Promise<void> {
  benchTriage();
  const bench = await serviceUnderBench(
    'diagnostics',
    (c) => AppModule.register(c),
    () => [physicalTopic(Topics.salesInstallation), physicalTopic(Topics.deviceFaults)],
  );
  try {
    const run = Date.now().toString(36);
    const appliances = Array.from({ length: APPLIANCES }, (_, i) => ({
      id: `A-${run}-${i}`,
      serial: `SN-${run}-${i}`,
      customer: `C-${run}-${i}`,
    }));
    await register(bench, appliances);
    await faultStorm(bench, appliances);
    await handlerAlone(bench, appliances[0]);
    await customerReports(bench, appliances);
  } finally {
    await bench.close();
  }
}

runBenchmark(main);
