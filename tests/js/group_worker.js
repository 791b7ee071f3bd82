// One kafkajs group member for tests/integration/groups.py: same event file format as group_worker.py.
// Usage: node group_worker.js BOOTSTRAP GROUP TOPIC OUT_FILE
const fs = require('fs');
const { Kafka, logLevel } = require('kafkajs');

const [bootstrap, group, topic, path] = process.argv.slice(2);
const fd = fs.openSync(path, 'a');
const out = (line) => fs.writeSync(fd, line + '\n');

async function main() {
  out(`started ${Date.now() / 1000}`);
  const kafka = new Kafka({ clientId: 'group-worker', brokers: [bootstrap], logLevel: logLevel.ERROR });
  const consumer = kafka.consumer({ groupId: group, sessionTimeout: 6000, heartbeatInterval: 500, maxWaitTimeInMs: 100 });
  consumer.on(consumer.events.GROUP_JOIN, (e) => {
    const owned = (e.payload.memberAssignment[topic] || []).slice().sort((a, b) => a - b);
    out(`assigned ${JSON.stringify(owned)}`);
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch, heartbeat }) => {
      if (batch.messages.length === 0) return;
      for (const m of batch.messages) out(`record ${batch.partition} ${m.offset} ${m.value.toString()} ${Date.now() / 1000}`);
      const next = String(Number(batch.lastOffset()) + 1);
      try {
        await consumer.commitOffsets([{ topic, partition: batch.partition, offset: next }]);
        out(`committed ${batch.partition} ${next} ${Date.now() / 1000}`);
      } catch (e) {
        out(`commit-failed ${e.message}`);
      }
      await heartbeat();
    },
  });
}

main().catch((e) => { console.error(e); process.exit(1); });
