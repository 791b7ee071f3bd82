// kafkajs against tributary: create a topic, produce 300 records with keys and headers, consume them back.
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

  // kafkajs consumers always join a group, which needs the group coordinator of a later milestone;
  // until then read through kafkajs' own cluster client and its Fetch codec, partition by partition.
  const seen = new Map();
  await readAll(broker, topic, 3, seen);
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

// Fetches every partition from offset 0 with kafkajs' Fetch request (its Cluster and Broker classes).
async function readAll(bootstrap, topic, partitions, seen) {
  const Cluster = require('kafkajs/src/cluster');
  const { createLogger, LEVELS } = require('kafkajs/src/loggers');
  const LoggerConsole = require('kafkajs/src/loggers/console');
  const cluster = new Cluster({
    logger: createLogger({ level: LEVELS.WARN, logCreator: LoggerConsole }),
    brokers: [bootstrap], clientId: 'roundtrip-reader', offsets: new Map(),
    connectionTimeout: 5000, requestTimeout: 30000, enforceRequestTimeout: true,
    socketFactory: require('kafkajs/src/network/socketFactory')(),
  });
  await cluster.connect();
  await cluster.addTargetTopic(topic);
  await cluster.refreshMetadata();
  for (let p = 0; p < partitions; p++) {
    const [leader] = Object.keys(cluster.findLeaderForPartitions(topic, [p]));
    const broker = await cluster.findBroker({ nodeId: leader });
    let offset = 0;
    for (let round = 0; round < 50 && offset < 100; round++) {
      const response = await broker.fetch({
        maxWaitTime: 100, minBytes: 1, maxBytes: 1 << 20,
        topics: [{ topic, partitions: [{ partition: p, fetchOffset: String(offset), maxBytes: 1 << 20 }] }],
      });
      for (const t of response.responses) for (const part of t.partitions) {
        if (part.errorCode !== 0) throw new Error('fetch error ' + part.errorCode);
        for (const m of part.messages) {
          if (Number(m.offset) < offset) continue;  // whole batches come back from their first offset
          seen.set(m.key.toString(), { value: m.value.toString(), header: m.headers.n.toString(), partition: p });
          offset = Number(m.offset) + 1;
        }
      }
    }
  }
  await cluster.disconnect();
}

main().catch((e) => { console.error(e); process.exit(1); });
