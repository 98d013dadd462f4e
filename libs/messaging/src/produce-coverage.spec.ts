import { Message, Partitioners, PartitionMetadata } from 'kafkajs';

import { assertAnswered, notingPartitioner, unansweredPartitions, UnansweredPartitionsError } from './produce-coverage';

const partitionMetadata: PartitionMetadata[] = Array.from({ length: 6 }, (_, partitionId) => ({
  partitionId,
  leader: partitionId % 3,
  partitionErrorCode: 0,
  replicas: [0, 1, 2],
  isr: [0, 1, 2],
}));
const answer = (partition: number, errorCode = 0) => ({ topicName: 't', partition, errorCode });

/** What kafkajs does with a send's messages: asks the partitioner for each (the same objects). */
function partitioned(messages: Message[]): number[] {
  const partition = notingPartitioner();
  return messages.map((message) => partition({ topic: 't', partitionMetadata, message }));
}

/** The check that keeps the relay from clearing events kafkajs 2.2.4 left unsent (tulios/kafkajs#1303). */
describe('produce coverage', () => {
  const messages: Message[] = Array.from({ length: 12 }, (_, i) => ({ key: `K-${i}`, value: `${i}` }));

  it('chooses the partitions kafkajs default partitioner chooses', () => {
    const reference = Partitioners.DefaultPartitioner();
    const expected = messages.map((message) => reference({ topic: 't', partitionMetadata, message }));
    expect(partitioned(messages)).toEqual(expected);
  });

  it('passes a send whose answers cover every partition its messages went to', () => {
    const partitions = new Set(partitioned(messages));
    const answers = [...partitions].map((p) => answer(p));
    expect(unansweredPartitions([{ topic: 't', messages }], answers)).toEqual([]);
    expect(() => assertAnswered([{ topic: 't', messages }], answers)).not.toThrow();
  });

  it('names the partitions a resolved send has no answer for (kafkajs skipped them on its retry)', () => {
    const partitions = [...new Set(partitioned(messages))];
    const [lost, ...answered] = partitions;
    const answers = answered.map((p) => answer(p));
    expect(unansweredPartitions([{ topic: 't', messages }], answers)).toEqual([`t:${lost}`]);
    expect(() => assertAnswered([{ topic: 't', messages }], answers)).toThrow(UnansweredPartitionsError);
  });

  it('counts an answer with an error code as no answer', () => {
    const partitions = [...new Set(partitioned(messages))];
    const answers = partitions.map((p, i) => answer(p, i === 0 ? 6 : 0));
    expect(unansweredPartitions([{ topic: 't', messages }], answers)).toEqual([`t:${partitions[0]}`]);
  });

  it('is a transient failure: the relay keeps the events and sends them again', () => {
    const err = new UnansweredPartitionsError(['t:3']);
    expect(err.retriable).toBe(true);
    expect(err.message).toContain('t:3');
  });

  it('cannot check messages another partitioner placed, and does not invent failures for them', () => {
    const foreign: Message[] = [{ key: 'other', value: 'x' }];
    expect(unansweredPartitions([{ topic: 't', messages: foreign }], [])).toEqual([]);
  });
});
