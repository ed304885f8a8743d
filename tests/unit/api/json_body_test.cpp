// The shared body checks: document order, nested paths, null handling, and each message.

#include "api/json_body.h"

#include <gtest/gtest.h>

namespace markaz::api {
namespace {

const std::vector<FieldRule>& rules() {
    static const std::vector<FieldRule> r = [] {
        FieldRule exit{"exit", JsonKind::Object, false, false, {}, {}};
        exit.fields = {{"kind", JsonKind::String, true, false, one_of({"hangup", "queue"}), {}},
                       {"queue", JsonKind::String, true, true, {}, {}}};
        return std::vector<FieldRule>{
            {"name", JsonKind::String, true, false, length(1, 5), {}},
            {"count", JsonKind::Integer, false, false, in_range(0, 10), {}},
            {"ratio", JsonKind::Number, false, false, ratio(), {}},
            {"on", JsonKind::Boolean, false, false, {}, {}},
            {"tags", JsonKind::StringArray, false, false, length(1, 3), {}},
            {"limit", JsonKind::Integer, false, true, in_range(1, 100), {}},
            std::move(exit),
        };
    }();
    return r;
}

ApiError check(const std::string& text) {
    auto object = parse_json_object(text);
    if (!object) {
        return object.error();
    }
    auto error = check_fields(*object, rules());
    return error.value_or(ApiError{});
}

TEST(JsonBody, AcceptsARightBody) {
    EXPECT_EQ(check(R"({"name":"ab","count":3,"ratio":0.5,"on":true,"tags":["x"],"limit":null,
                       "exit":{"kind":"queue","queue":null}})")
                  .code,
              "");
}

TEST(JsonBody, FirstWrongMemberInDocumentOrder) {
    ApiError e = check(R"({"count":"3","zzz":1,"name":""})");
    EXPECT_EQ(e.code, "invalid_type");
    EXPECT_EQ(e.field, "count");
    e = check(R"({"zzz":1,"count":"3"})");
    EXPECT_EQ(e.code, "unknown_field");
    EXPECT_EQ(e.message,
              "zzz: unknown field (expected one of: name, count, ratio, on, tags, limit, exit)");
}

TEST(JsonBody, MissingComesAfterTheMembersPresent) {
    ApiError e = check(R"({"count":3})");
    EXPECT_EQ(e.code, "missing_field");
    EXPECT_EQ(e.field, "name");
    EXPECT_EQ(e.message, "name: required");
    e = check(R"({"name":null})");
    EXPECT_EQ(e.code, "missing_field");  // null counts as absent for a required member
}

TEST(JsonBody, NullOnlyWhereAllowed) {
    ApiError e = check(R"({"name":"a","count":null})");
    EXPECT_EQ(e.code, "invalid_type");
    EXPECT_EQ(e.message, "count: expected an integer, got null");
}

TEST(JsonBody, Messages) {
    EXPECT_EQ(check(R"({"name":"toolong"})").message, "name: must be 1..5 characters, got 7");
    EXPECT_EQ(check(R"({"name":"a","count":11})").message, "count: must be 0..10, got 11");
    EXPECT_EQ(check(R"({"name":"a","count":1.0})").message,
              "count: expected an integer, got number");
    EXPECT_EQ(check(R"({"name":"a","count":18446744073709551615})").code, "invalid_value");
    EXPECT_EQ(check(R"({"name":"a","ratio":2})").message, "ratio: must be 0..1, got 2");
    EXPECT_EQ(check(R"({"name":"a","on":"yes"})").message, "on: expected a boolean, got string");
    EXPECT_EQ(check(R"({"name":"ab","tags":"x"})").message,
              "tags: expected an array of strings, got string");
}

TEST(JsonBody, PathsIntoArraysAndObjects) {
    ApiError e = check(R"({"name":"a","tags":["ok",2]})");
    EXPECT_EQ(e.field, "tags[1]");
    EXPECT_EQ(e.code, "invalid_type");
    e = check(R"({"name":"a","tags":["ok","four"]})");
    EXPECT_EQ(e.field, "tags[1]");
    EXPECT_EQ(e.code, "invalid_value");
    e = check(R"({"name":"a","exit":{"kind":"leave","queue":null}})");
    EXPECT_EQ(e.field, "exit.kind");
    EXPECT_EQ(e.message, "exit.kind: unknown value 'leave' (expected one of: hangup, queue)");
    e = check(R"({"name":"a","exit":{"kind":"queue"}})");
    EXPECT_EQ(e.code, "missing_field");
    EXPECT_EQ(e.field, "exit.queue");
    e = check(R"({"name":"a","exit":{"kind":"queue","queue":null,"x":1}})");
    EXPECT_EQ(e.field, "exit.x");
}

TEST(JsonBody, SyntaxErrors) {
    ApiError e = check("{\"name\": }");
    EXPECT_EQ(e.code, "invalid_json");
    EXPECT_TRUE(e.message.starts_with("body: not valid JSON at line 1, column 10: ")) << e.message;
    EXPECT_EQ(check("").code, "invalid_json");
    EXPECT_EQ(check("\"text\"").message, "body: expected a JSON object, got string");
    EXPECT_EQ(check("{\"name\":\"\xff\"}").code, "invalid_json");  // not UTF-8
}

TEST(JsonBody, ANumberTooLargeForADoubleIsInvalidJsonNotAServerError) {
    // scripts/fuzz found it: nlohmann reports the overflow as out_of_range, not parse_error.
    ApiError e = check("{\"weight\": 22E2222}");
    EXPECT_EQ(e.code, "invalid_json");
    EXPECT_EQ(e.message, "body: not valid JSON: number overflow parsing '22E2222'") << e.message;
}

TEST(JsonBody, CharactersAreCountedNotBytes) {
    EXPECT_EQ(check(R"({"name":"سلام"})").code, "");  // 4 letters, 8 bytes
}

}  // namespace
}  // namespace markaz::api
