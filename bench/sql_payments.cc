// The payment records and the SQL statements shared by every mode of tributary-bench-sql.
#include <fmt/format.h>

#include "sql_bench.h"

namespace tributary::bench {

namespace {
const char* const kGateways[] = {"visa", "paypal", "master", "stripe", "wallet"};
}  // namespace

Payments make_payments(int pool, int per_ms) {
  Payments p;
  p.per_ms = per_ms;
  p.values.reserve(static_cast<size_t>(pool));
  uint32_t x = 2463534242u;
  auto next = [&] {
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    return x;
  };
  for (int i = 0; i < pool; ++i) {
    // One draw per statement: the order of function arguments' evaluation is unspecified.
    double amount = static_cast<double>(next() % 1000000) / 10000.0;  // [0, 100), up to 4 decimals
    const char* gateway = kGateways[next() % 5];
    uint32_t customer = next() % 100000;
    p.values.push_back(fmt::format(R"({{"ID":{},"GATEWAY":"{}","AMOUNT":{},"CUSTID":{}}})", 1000000 + i, gateway,
                                   amount, customer));
  }
  return p;
}

std::string payments_stream_sql() {
  return "CREATE STREAM PAYMENTS (ID BIGINT, GATEWAY STRING, AMOUNT DOUBLE, CUSTID INT) "
         "WITH (KAFKA_TOPIC='payments', VALUE_FORMAT='JSON');";
}

std::string query_sql(SqlQuery q) {
  switch (q) {
    case SqlQuery::windowed:
      return "CREATE TABLE PAYMENTS_PER_GATEWAY AS SELECT GATEWAY, COUNT(*) AS CNT, AVG(AMOUNT) AS AVG_AMOUNT "
             "FROM PAYMENTS WINDOW TUMBLING (SIZE 1 SECOND) GROUP BY GATEWAY EMIT CHANGES;";
    case SqlQuery::filter:
      return "CREATE STREAM BIG_PAYMENTS AS SELECT ID, AMOUNT * 100 AS CENTS FROM PAYMENTS WHERE AMOUNT > 50 "
             "EMIT CHANGES;";
    case SqlQuery::join:
      return "CREATE STREAM PAYMENT_FEES AS SELECT P.GATEWAY, P.ID, P.AMOUNT * G.RATE AS FEE FROM PAYMENTS P "
             "JOIN GATEWAYS G ON P.GATEWAY = G.NAME EMIT CHANGES;";
  }
  return "";
}

const char* query_name(SqlQuery q) {
  return q == SqlQuery::windowed ? "windowed" : q == SqlQuery::filter ? "filter" : "join";
}

std::string query_sink(SqlQuery q) {
  return q == SqlQuery::windowed ? "PAYMENTS_PER_GATEWAY" : q == SqlQuery::filter ? "BIG_PAYMENTS" : "PAYMENT_FEES";
}

std::vector<std::string> setup_sql(SqlQuery q, int partitions) {
  if (q != SqlQuery::join) return {};
  std::vector<std::string> statements{
      fmt::format("CREATE TABLE GATEWAYS (NAME STRING PRIMARY KEY, RATE DOUBLE) "
                  "WITH (KAFKA_TOPIC='gateways', VALUE_FORMAT='JSON', PARTITIONS={});",
                  partitions)};
  double rate = 0.01;
  for (const char* gateway : kGateways) {
    statements.push_back(fmt::format("INSERT INTO GATEWAYS (NAME, RATE) VALUES ('{}', {});", gateway, rate));
    rate += 0.005;
  }
  return statements;
}

}  // namespace tributary::bench
