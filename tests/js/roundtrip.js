// kafkajs against tributary: create a topic, produce 300 records with keys and headers, consume them back
// with a group consumer, then DeleteRecords and DescribeConfigs through the admin client.
const { Kafka, logLevel, CompressionTypes } = require('kafkajs');

async function main() {
  const broker = process.argv[2];
  const kafka = new Kafka({ clientId: 'roundtrip', brokers: [broker], logLevel: logLevel.WARN });
  const admin = kafka.admin();
  await admin.connect();
  const topic = 'kafkajs-roundtrip';
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }] });
  const topics = await admin.listTopics();
  if (!topics.includes(topic)) throw new Error('topic not listed: ' + topics);

  const producer = kafka.producer();
  await producer.connect();
  const messages = [];
  for (let i = 0; i < 300; i++) messages.push({ key: `k${i}`, value: `v${i}`, partition: i % 3, headers: { n: `${i}` } });
  await producer.send({ topic, acks: -1, messages: messages.slice(0, 150) });
  await producer.send({ topic, acks: -1, compression: CompressionTypes.GZIP, messages: messages.slice(150) });
  await producer.disconnect();

  const offsets = await admin.fetchTopicOffsets(topic);
  const total = offsets.reduce((sum, p) => sum + Number(p.high), 0);
  if (total !== 300) throw new Error('high watermarks add up to ' + total);

  const seen = await readAll(kafka, topic, 300);
  for (let i = 0; i < 300; i++) {
    const m = seen.get(`k${i}`);
    if (!m) throw new Error('missing k' + i);
    if (m.value !== `v${i}` || m.header !== `${i}` || m.partition !== i % 3) throw new Error('bad record ' + JSON.stringify(m));
  }

  // DeleteRecords moves the log start offset; ListOffsets then reports it as the low watermark.
  await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '50' }] });
  const after = await admin.fetchTopicOffsets(topic);
  const p0 = after.find((p) => p.partition === 0);
  if (p0.low !== '50' || p0.high !== '100') throw new Error('after DeleteRecords: ' + JSON.stringify(p0));

  const described = await admin.describeConfigs({
    resources: [{ type: 2 /* TOPIC */, name: topic, configNames: ['cleanup.policy'] }],
    includeSynonyms: false,
  });
  const entry = described.resources[0].configEntries.find((e) => e.configName === 'cleanup.policy');
  if (!entry || entry.configValue !== 'delete') throw new Error('describeConfigs: ' + JSON.stringify(described));
  await admin.disconnect();
  console.log(`roundtrip ok: ${seen.size} records`);
}

// Reads `count` records from the beginning with a kafkajs group consumer.
async function readAll(kafka, topic, count) {
  const seen = new Map();
  const consumer = kafka.consumer({ groupId: 'roundtrip-reader', maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${seen.size} of ${count} records arrived`)), 60000);
    consumer.run({
      eachMessage: async ({ partition, message }) => {
        seen.set(message.key.toString(), { value: message.value.toString(), header: message.headers.n.toString(), partition });
        if (seen.size === count) {
          clearTimeout(timer);
          resolve();
        }
      },
    }).catch(reject);
  });
  await consumer.disconnect();
  return seen;
}

main().catch((e) => { console.error(e); process.exit(1); });
