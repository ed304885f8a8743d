// Paths to endpoints, percent-decoding, queries and cookies, and the engine's errors as HTTP.

#include <gtest/gtest.h>

#include "api/api_error.h"
#include "api/route_table.h"

namespace markaz::api {
namespace {

RouteTable table() {
    RouteTable t;
    t.add(Method::Get, "/api/v1/agents", 1);
    t.add(Method::Get, "/api/v1/agents/{id}", 2);
    t.add(Method::Post, "/api/v1/agents/{id}/state", 3);
    t.add(Method::Put, "/api/v1/queues/{name}/members/{agent}", 4);
    t.add(Method::Delete, "/api/v1/queues/{name}/members/{agent}", 5);
    return t;
}

TEST(RouteTable, MatchesWithDecodedParameters) {
    auto m = table().match(Method::Put, "/api/v1/queues/after%20hours/members/a%2F1");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->id, 4U);
    EXPECT_EQ(m->params.at("name"), "after hours");
    EXPECT_EQ(m->params.at("agent"), "a/1");
    EXPECT_EQ(table().match(Method::Get, "/api/v1/agents")->id, 1U);
}

TEST(RouteTable, UnknownPathAndOtherMethod) {
    auto none = table().match(Method::Get, "/api/v1/agents/a1/state/x");
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().status, 404U);
    auto other = table().match(Method::Get, "/api/v1/queues/q/members/a");
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().status, 405U);
    EXPECT_EQ(other.error().allow, "PUT, DELETE");
    EXPECT_FALSE(table().match(Method::Get, "/api/v1/agents/"));       // empty parameter
    EXPECT_FALSE(table().match(Method::Get, "/api/v1/agents/a%2"));    // broken escape
    EXPECT_FALSE(table().match(Method::Get, "/api/v1/agents/a%00b"));  // NUL
}

TEST(HttpRequest, QueryAndCookies) {
    HttpRequest r;
    r.query = "queue=after+hours&limit=5&flag";
    r.headers = {{"cookie", "a=1; markaz_session=abc ; markaz_csrf=x=y"}};
    EXPECT_EQ(r.query_param("queue"), "after hours");
    EXPECT_EQ(r.query_param("limit"), "5");
    EXPECT_EQ(r.query_param("flag"), "");
    EXPECT_FALSE(r.query_param("none"));
    EXPECT_EQ(r.cookie("markaz_session"), "abc");
    EXPECT_EQ(r.cookie("markaz_csrf"), "x=y");
    EXPECT_FALSE(r.cookie("markaz"));
}

TEST(EngineErrors, MapToStatuses) {
    ApiError e = from_engine(Error{Errc::InvalidArgument, "reason: 'nap' is not a pause reason"});
    EXPECT_EQ(e.status, 400U);
    EXPECT_EQ(e.code, "invalid_value");
    EXPECT_EQ(e.field, "reason");
    e = from_engine(Error{Errc::InvalidArgument, "agent 'a1' has no such queue: x"});
    EXPECT_FALSE(e.field);  // no "field:" prefix
    EXPECT_EQ(from_engine(Error{Errc::NotFound, "x"}).status, 404U);
    EXPECT_EQ(from_engine(Error{Errc::Conflict, "agent 'a1006' is not free (on-call)"}).message,
              "agent 'a1006' is not free (on-call)");
    EXPECT_EQ(from_engine(Error{Errc::Unavailable, "x"}).status, 503U);
    const ApiError internal = from_engine(Error{Errc::Internal, "secret detail"});
    EXPECT_EQ(internal.status, 500U);
    EXPECT_EQ(internal.message.find("secret"), std::string::npos);
}

TEST(ErrorResponse, CarriesTheHeadersItsCodeNeeds) {
    const HttpResponse limited = error_response(ApiError::rate_limited(std::chrono::seconds(42)));
    EXPECT_EQ(limited.status, 429U);
    EXPECT_EQ(limited.header("Retry-After"), "42");
    EXPECT_EQ(
        limited.body,
        R"({"error":{"code":"rate_limited","field":null,"message":"too many failed logins; try again in 42 s"}})");
    EXPECT_EQ(error_response(ApiError::invalid_value("state", "bad")).body,
              R"({"error":{"code":"invalid_value","field":"state","message":"state: bad"}})");
}

}  // namespace
}  // namespace markaz::api
