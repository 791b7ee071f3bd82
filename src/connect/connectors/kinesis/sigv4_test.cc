#include "connect/connectors/kinesis/sigv4.h"

#include <gtest/gtest.h>

namespace tributary::connect::kinesis {
namespace {

// The worked example of AWS's Signature Version 4 documentation (IAM ListUsers, 2015-08-30).
TEST(SigV4, MatchesTheDocumentedExample) {
  SignableRequest request;
  request.method = "GET";
  request.host = "iam.amazonaws.com";
  request.path = "/";
  request.query = "Action=ListUsers&Version=2010-05-08";
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  AwsCredentials credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
  Signature s = sign(request, credentials, "us-east-1", "iam", "20150830T123600Z");
  EXPECT_EQ(sha256_hex(s.canonical_request), "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59")
      << s.canonical_request;
  EXPECT_EQ(to_hex(signing_key(credentials.secret_access_key, "20150830", "us-east-1", "iam")),
            "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
  EXPECT_EQ(s.signature, "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
  EXPECT_EQ(s.authorization,
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
            "SignedHeaders=content-type;host;x-amz-date, "
            "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
}

TEST(SigV4, SessionTokensAreSignedAndSent) {
  SignableRequest request;
  request.host = "kinesis.eu-west-1.amazonaws.com";
  request.headers = {{"Content-Type", "application/x-amz-json-1.1"}, {"X-Amz-Target", "Kinesis_20131202.ListShards"}};
  request.body = R"({"StreamName":"payments"})";
  Signature s = sign(request, {"AKID", "secret", "token"}, "eu-west-1", "kinesis", "20240101T000000Z");
  EXPECT_NE(s.authorization.find("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target"),
            std::string::npos)
      << s.authorization;
  bool sent = false;
  for (const auto& [name, value] : s.headers) sent = sent || (name == "X-Amz-Security-Token" && value == "token");
  EXPECT_TRUE(sent);
  EXPECT_EQ(s.canonical_request.substr(s.canonical_request.rfind('\n') + 1), sha256_hex(request.body));
}

}  // namespace
}  // namespace tributary::connect::kinesis
