import { capacityOf, judgeStep, lagGrowing, StepMeasure } from './capacity-verdict';
import { totalLag } from './consumer-lag';
import { cpuShares, processRole } from './process-cpu';

const step = (over: Partial<StepMeasure> = {}): StepMeasure => ({
  rate: 5,
  p99s: { purchaseToScheduled: 1200, eventToNotification: 3100, faultToCase: undefined },
  lagSamples: [0, 12, 3, 8, 0, 5],
  unfinished: 0,
  lost: 0,
  duplicated: 0,
  ...over,
});

describe('capacity verdict', () => {
  it('keeps up when every p99 is under 5 s and the lag only rises and falls', () => {
    expect(judgeStep(step())).toEqual({ keptUp: true, reason: 'every p99 < 5 s, lag not growing' });
  });

  it('names the stages whose p99 reached 5 s', () => {
    const verdict = judgeStep(step({ p99s: { purchaseToScheduled: 5000, eventToNotification: 12_400 } }));
    expect(verdict).toEqual({
      keptUp: false,
      reason: 'p99 ≥ 5 s: purchaseToScheduled 5.0 s, eventToNotification 12.4 s',
    });
  });

  it('fails a rate whose backlog keeps growing, even with p99s in bound so far', () => {
    expect(lagGrowing([0, 20, 40, 80, 120, 160], 5)).toBe(true);
    expect(judgeStep(step({ lagSamples: [0, 20, 40, 80, 120, 160] })).reason).toBe('consumer lag growing');
    expect(lagGrowing([30, 2, 35, 4, 31, 6], 5)).toBe(false);
  });

  it('fails a rate that lost or duplicated a notification or left lifecycles unfinished', () => {
    expect(judgeStep(step({ lost: 2 })).reason).toBe('2 lost, 0 duplicated');
    expect(judgeStep(step({ unfinished: 3 })).reason).toBe('3 lifecycles unfinished');
  });

  it('is the highest rate kept up with below the first that was not', () => {
    const ok = { keptUp: true, reason: '' };
    const no = { keptUp: false, reason: '' };
    expect(
      capacityOf([
        { rate: 1, verdict: ok },
        { rate: 2, verdict: ok },
        { rate: 5, verdict: no },
      ]),
    ).toBe(2);
    expect(
      capacityOf([
        { rate: 1, verdict: no },
        { rate: 2, verdict: ok },
      ]),
    ).toBeUndefined();
  });
});

describe('what the capacity run reads', () => {
  it('sums the kafka_consumer_lag samples of a /metrics page', () => {
    const page = [
      '# HELP kafka_consumer_lag Messages not yet consumed',
      'kafka_consumer_lag{group="appliance-care.portal",topic="repairs.events.v1",partition="0"} 7',
      'kafka_consumer_lag{group="appliance-care.portal",topic="repairs.events.v1",partition="1"} 5',
      'kafka_consumer_lag_other 99',
    ].join('\n');
    expect(totalLag(page)).toBe(12);
    expect(totalLag('up 1')).toBeUndefined();
  });

  it('knows the services and the infrastructure by their command lines', () => {
    expect(processRole('/usr/bin/node -r @swc-node/register apps/dispatch/src/main.ts')).toBe('dispatch');
    expect(processRole('/usr/bin/node -r @swc-node/register apps/console/server/main.ts')).toBeUndefined();
    expect(processRole('java -Xmx768m -cp /x/libs/* kafka.Kafka /x/server.properties')).toBe('kafka');
    expect(processRole('/work/.cache/ferretdb/1.24.2/ferretdb --listen-addr=127.0.0.1:27017')).toBe('ferretdb');
    expect(processRole('postgres: checkpointer')).toBe('postgres');
    expect(processRole('/usr/lib/postgresql/15/bin/postgres -D /data')).toBe('postgres');
    expect(processRole('bash')).toBeUndefined();
  });

  it("gives each role its processes' CPU between two samples, a process started meanwhile whole", () => {
    const before = new Map([[10, { role: 'dispatch', ticks: 100 }]]);
    const after = new Map([
      [10, { role: 'dispatch', ticks: 160 }],
      [11, { role: 'dispatch', ticks: 20 }],
      [12, { role: 'kafka', ticks: 50 }],
    ]);
    expect(Object.fromEntries(cpuShares(before, after, 2))).toEqual({ dispatch: 40, kafka: 25 });
  });
});
