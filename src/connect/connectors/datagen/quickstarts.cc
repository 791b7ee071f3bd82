#include "connect/connectors/datagen/quickstarts.h"

#include <cmath>

#include "connect/api/connect_record.h"

namespace tributary::connect::datagen {
namespace {

using nlohmann::json;
namespace s = tributary::connect::schema;

int64_t uniform(std::mt19937_64& rng, int64_t lo, int64_t hi) {
  return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
}

// A price-like double with two decimals in [lo, hi].
double money(std::mt19937_64& rng, double lo, double hi) {
  double v = std::uniform_real_distribution<double>(lo, hi)(rng);
  return std::round(v * 100.0) / 100.0;
}

template <size_t N>
std::string pick(std::mt19937_64& rng, const char* const (&items)[N]) {
  return items[uniform(rng, 0, N - 1)];
}

const char* const kGateways[] = {"visa", "paypal", "master", "stripe", "wallet"};
const char* const kCities[] = {"Berlin", "London", "Paris", "Madrid", "Lisbon", "Amsterdam", "Vienna", "Prague"};
const char* const kHotels[] = {"Grand Plaza", "Riverside Inn", "City Lights", "Harbour View", "Old Town Suites",
                               "Park Residence"};
const char* const kFirstNames[] = {"Ada", "Ben", "Chloe", "Dev", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas"};
const char* const kCountries[] = {"DE", "GB", "FR", "ES", "PT", "NL", "AT", "CZ", "US", "BR"};
const char* const kGames[] = {"Star Miners", "Tile Quest", "Racer X", "Word Hunt", "Dungeon Dash",
                              "Pixel Farm", "Sky Wars", "Chess Blitz", "Block Drop", "Card Clash"};
const char* const kGenres[] = {"strategy", "puzzle", "racing", "word", "rpg", "casual", "action", "board"};
const char* const kCampaigns[] = {"black-friday", "spring-sale", "new-arrivals", "loyalty", "retargeting"};
const char* const kPlacements[] = {"banner-top", "sidebar", "in-feed", "video-pre-roll", "search"};

std::vector<Quickstart> make_quickstarts() {
  std::vector<Quickstart> q;
  q.push_back({"payments", "custid",
               s::structure("payments", {s::field("id", s::primitive("int64")), s::field("custid", s::primitive("int32")),
                                         s::field("amount", s::primitive("float64")),
                                         s::field("gateway", s::primitive("string")),
                                         s::field("ts", s::primitive("int64"))}),
               [](std::mt19937_64& rng, int64_t id, int64_t now) {
                 return json{{"id", id}, {"custid", uniform(rng, 1, 10)}, {"amount", money(rng, 1, 100)},
                             {"gateway", pick(rng, kGateways)}, {"ts", now}};
               }});
  q.push_back({"rides", "ride_id",
               s::structure("rides", {s::field("ride_id", s::primitive("int64")),
                                      s::field("driver_id", s::primitive("int32")),
                                      s::field("rider_id", s::primitive("int32")), s::field("city", s::primitive("string")),
                                      s::field("distance_km", s::primitive("float64")),
                                      s::field("fare", s::primitive("float64")), s::field("ts", s::primitive("int64"))}),
               [](std::mt19937_64& rng, int64_t id, int64_t now) {
                 double km = money(rng, 0.5, 30);
                 return json{{"ride_id", id}, {"driver_id", uniform(rng, 1, 50)}, {"rider_id", uniform(rng, 1, 500)},
                             {"city", pick(rng, kCities)}, {"distance_km", km},
                             {"fare", std::round((3.0 + km * 1.6) * 100.0) / 100.0}, {"ts", now}};
               }});
  q.push_back({"bookings", "booking_id",
               s::structure("bookings", {s::field("booking_id", s::primitive("int64")),
                                         s::field("user_id", s::primitive("int32")),
                                         s::field("hotel", s::primitive("string")), s::field("city", s::primitive("string")),
                                         s::field("nights", s::primitive("int32")),
                                         s::field("price", s::primitive("float64")), s::field("ts", s::primitive("int64"))}),
               [](std::mt19937_64& rng, int64_t id, int64_t now) {
                 int64_t nights = uniform(rng, 1, 7);
                 return json{{"booking_id", id}, {"user_id", uniform(rng, 1, 1000)}, {"hotel", pick(rng, kHotels)},
                             {"city", pick(rng, kCities)}, {"nights", nights},
                             {"price", money(rng, 60, 250) * static_cast<double>(nights)}, {"ts", now}};
               }});
  q.push_back({"gaming_players", "player_id",
               s::structure("gaming_players", {s::field("player_id", s::primitive("int32")),
                                               s::field("name", s::primitive("string")),
                                               s::field("country", s::primitive("string")),
                                               s::field("level", s::primitive("int32"))}),
               [](std::mt19937_64& rng, int64_t, int64_t) {
                 int64_t player = uniform(rng, 1, 100);
                 return json{{"player_id", player},
                             {"name", kFirstNames[player % 10] + std::to_string(player)},
                             {"country", kCountries[(player * 7) % 10]}, {"level", uniform(rng, 1, 60)}};
               }});
  q.push_back({"gaming_games", "game_id",
               s::structure("gaming_games", {s::field("game_id", s::primitive("int32")),
                                             s::field("name", s::primitive("string")),
                                             s::field("genre", s::primitive("string"))}),
               [](std::mt19937_64& rng, int64_t, int64_t) {
                 int64_t game = uniform(rng, 1, 10);
                 return json{{"game_id", game}, {"name", kGames[game - 1]}, {"genre", kGenres[(game * 3) % 8]}};
               }});
  q.push_back({"gaming_scores", "player_id",
               s::structure("gaming_scores", {s::field("player_id", s::primitive("int32")),
                                              s::field("game_id", s::primitive("int32")),
                                              s::field("score", s::primitive("int32")),
                                              s::field("session_seconds", s::primitive("int32")),
                                              s::field("ts", s::primitive("int64"))}),
               [](std::mt19937_64& rng, int64_t, int64_t now) {
                 return json{{"player_id", uniform(rng, 1, 100)}, {"game_id", uniform(rng, 1, 10)},
                             {"score", uniform(rng, 0, 10000)}, {"session_seconds", uniform(rng, 30, 3600)},
                             {"ts", now}};
               }});
  q.push_back({"ad_impressions", "impression_id",
               s::structure("ad_impressions", {s::field("impression_id", s::primitive("int64")),
                                               s::field("ad_id", s::primitive("int32")),
                                               s::field("campaign", s::primitive("string")),
                                               s::field("user_id", s::primitive("int32")),
                                               s::field("placement", s::primitive("string")),
                                               s::field("ts", s::primitive("int64"))}),
               [](std::mt19937_64& rng, int64_t id, int64_t now) {
                 return json{{"impression_id", id}, {"ad_id", uniform(rng, 1, 50)}, {"campaign", pick(rng, kCampaigns)},
                             {"user_id", uniform(rng, 1, 5000)}, {"placement", pick(rng, kPlacements)}, {"ts", now}};
               }});
  q.push_back({"ad_clicks", "click_id",
               s::structure("ad_clicks", {s::field("click_id", s::primitive("int64")),
                                          s::field("ad_id", s::primitive("int32")),
                                          s::field("campaign", s::primitive("string")),
                                          s::field("user_id", s::primitive("int32")),
                                          s::field("revenue", s::primitive("float64")),
                                          s::field("ts", s::primitive("int64"))}),
               [](std::mt19937_64& rng, int64_t id, int64_t now) {
                 return json{{"click_id", id}, {"ad_id", uniform(rng, 1, 50)}, {"campaign", pick(rng, kCampaigns)},
                             {"user_id", uniform(rng, 1, 5000)}, {"revenue", money(rng, 0.05, 2.5)}, {"ts", now}};
               }});
  return q;
}

}  // namespace

const std::vector<Quickstart>& quickstarts() {
  static const std::vector<Quickstart> all = make_quickstarts();
  return all;
}

const Quickstart* find_quickstart(const std::string& name) {
  for (const auto& q : quickstarts())
    if (q.name == name) return &q;
  return nullptr;
}

std::vector<std::string> quickstart_names() {
  std::vector<std::string> out;
  for (const auto& q : quickstarts()) out.push_back(q.name);
  return out;
}

}  // namespace tributary::connect::datagen
