// The payment records and the SQL statements shared by every mode of tributary-bench-sql.
#include <fmt/format.h>

#include "sql_bench.h"

namespace tributary::bench {

Payments make_payments(int pool, int per_ms) {
  static const char* const kGateways[] = {"visa", "paypal", "master", "stripe", "wallet"};
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
  if (q == SqlQuery::windowed) {
    return "CREATE TABLE PAYMENTS_PER_GATEWAY AS SELECT GATEWAY, COUNT(*) AS CNT, AVG(AMOUNT) AS AVG_AMOUNT "
           "FROM PAYMENTS WINDOW TUMBLING (SIZE 1 SECOND) GROUP BY GATEWAY EMIT CHANGES;";
  }
  return "CREATE STREAM BIG_PAYMENTS AS SELECT ID, AMOUNT * 100 AS CENTS FROM PAYMENTS WHERE AMOUNT > 50 "
         "EMIT CHANGES;";
}

const char* query_name(SqlQuery q) { return q == SqlQuery::windowed ? "windowed" : "filter"; }

}  // namespace tributary::bench
