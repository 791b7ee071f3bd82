#include "connect/connectors/kinesis/sigv4.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cctype>
#include <map>

namespace tributary::connect::kinesis {
namespace {

std::string hmac(const std::string& key, const std::string& data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), out, &len);
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Header values are trimmed and inner runs of spaces collapsed, as the canonical form requires.
std::string canonical_value(const std::string& v) {
  std::string out;
  bool space = false;
  for (char c : v) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace

std::string to_hex(const std::string& bytes) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string sha256_hex(const std::string& data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return to_hex(std::string(reinterpret_cast<char*>(digest), sizeof digest));
}

std::string signing_key(const std::string& secret, const std::string& date, const std::string& region,
                        const std::string& service) {
  std::string k_date = hmac("AWS4" + secret, date);
  std::string k_region = hmac(k_date, region);
  std::string k_service = hmac(k_region, service);
  return hmac(k_service, "aws4_request");
}

Signature sign(const SignableRequest& request, const AwsCredentials& credentials, const std::string& region,
               const std::string& service, const std::string& amz_date) {
  std::map<std::string, std::string> headers;  // lower-case name -> canonical value, sorted
  for (const auto& [name, value] : request.headers) headers[lower(name)] = canonical_value(value);
  headers["host"] = request.host;
  headers["x-amz-date"] = amz_date;
  if (!credentials.session_token.empty()) headers["x-amz-security-token"] = credentials.session_token;

  std::string canonical_headers, signed_headers;
  for (const auto& [name, value] : headers) {
    canonical_headers += name + ":" + value + "\n";
    signed_headers += (signed_headers.empty() ? "" : ";") + name;
  }
  Signature out;
  out.canonical_request = request.method + "\n" + request.path + "\n" + request.query + "\n" + canonical_headers +
                          "\n" + signed_headers + "\n" + sha256_hex(request.body);
  std::string date = amz_date.substr(0, 8);
  std::string scope = date + "/" + region + "/" + service + "/aws4_request";
  out.string_to_sign = "AWS4-HMAC-SHA256\n" + amz_date + "\n" + scope + "\n" + sha256_hex(out.canonical_request);
  out.signature = to_hex(hmac(signing_key(credentials.secret_access_key, date, region, service), out.string_to_sign));
  out.authorization = "AWS4-HMAC-SHA256 Credential=" + credentials.access_key_id + "/" + scope +
                      ", SignedHeaders=" + signed_headers + ", Signature=" + out.signature;
  for (const auto& [name, value] : request.headers) out.headers.emplace_back(name, value);
  out.headers.emplace_back("Host", request.host);
  out.headers.emplace_back("X-Amz-Date", amz_date);
  if (!credentials.session_token.empty()) out.headers.emplace_back("X-Amz-Security-Token", credentials.session_token);
  out.headers.emplace_back("Authorization", out.authorization);
  return out;
}

}  // namespace tributary::connect::kinesis
