-- The merger demo's SQL (scripts/demo runs it with `tributary sql --file`): company A's payments,
-- copied from Kinesis into `payments-kinesis`, and company B's rides, mirrored from B's Kafka
-- cluster into `companyb.rides`, merged into one stream of money movements with live metrics.

-- Every query reads its topics from the beginning, so no record produced before it started is missed.
SET 'auto.offset.reset'='earliest';

-- Company A: mock payments as the boto3 producer put them into Kinesis (key = the Kinesis
-- partition key). TS is the event time, so windows do not depend on when records arrive.
CREATE STREAM PAYMENTS (PARTITION_KEY STRING KEY, ID BIGINT, CUSTID INT, AMOUNT DOUBLE, GATEWAY STRING, TS BIGINT)
  WITH (KAFKA_TOPIC='payments-kinesis', VALUE_FORMAT='JSON', PARTITIONS=4, TIMESTAMP='TS');

-- Company B: ride bookings, mirrored from B's `rides` topic (3 partitions there, so here too).
CREATE STREAM RIDES (RIDE_ID STRING KEY, RIDER_ID INT, DRIVER_ID INT, CITY STRING, FARE DOUBLE, GATEWAY STRING, TS BIGINT)
  WITH (KAFKA_TOPIC='companyb.rides', VALUE_FORMAT='JSON', PARTITIONS=3, TIMESTAMP='TS');

-- The merged company: both shaped alike in one stream, ORIGIN saying where each came from.
CREATE STREAM ALL_PAYMENTS WITH (KAFKA_TOPIC='all-payments', PARTITIONS=4) AS
  SELECT PARTITION_KEY AS REF, 'kinesis' AS ORIGIN, CUSTID, GATEWAY, AMOUNT, TS
  FROM PAYMENTS EMIT CHANGES;
INSERT INTO ALL_PAYMENTS
  SELECT RIDE_ID AS REF, 'companyb' AS ORIGIN, RIDER_ID AS CUSTID, GATEWAY, FARE AS AMOUNT, TS
  FROM RIDES EMIT CHANGES;

-- Live metrics.
CREATE TABLE GATEWAY_PER_MINUTE AS
  SELECT GATEWAY, COUNT(*) AS PAYMENTS, SUM(AMOUNT) AS REVENUE
  FROM ALL_PAYMENTS WINDOW TUMBLING (SIZE 1 MINUTE) GROUP BY GATEWAY EMIT CHANGES;
CREATE TABLE BOOKINGS_PER_SECOND AS
  SELECT CITY, COUNT(*) AS BOOKINGS
  FROM RIDES WINDOW TUMBLING (SIZE 1 SECOND) GROUP BY CITY EMIT CHANGES;
CREATE TABLE GATEWAY_TOTALS AS
  SELECT GATEWAY, COUNT(*) AS PAYMENTS, SUM(AMOUNT) AS REVENUE
  FROM ALL_PAYMENTS GROUP BY GATEWAY EMIT CHANGES;
CREATE TABLE ORIGIN_TOTALS AS
  SELECT ORIGIN, COUNT(*) AS PAYMENTS, SUM(AMOUNT) AS REVENUE
  FROM ALL_PAYMENTS GROUP BY ORIGIN EMIT CHANGES;
