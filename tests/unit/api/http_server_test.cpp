// The server's HTTP behaviour through a real socket: routes, the order of checks, body limits,
// content types, error bodies, keep-alive, health, readiness, the OpenAPI document and pages.

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "unit/api/api_test_support.h"

namespace markaz::api::testing {
namespace {

class HttpServerTest : public ::testing::Test {
protected:
    ApiHarness api;
};

TEST_F(HttpServerTest, UnknownPathIs404WithTheErrorBody) {
    const Reply reply = http_send(api.port(), "GET", "/api/v1/nothing");
    EXPECT_EQ(reply.status, 404U);
    EXPECT_EQ(reply.header("content-type"), "application/json; charset=utf-8");
    EXPECT_EQ(reply.header("cache-control"), "no-store");
    const Json body = reply.json();
    ASSERT_TRUE(body.contains("error"));
    EXPECT_EQ(body["error"]["code"], "not_found");
    EXPECT_TRUE(body["error"]["field"].is_null());
    EXPECT_EQ(body["error"]["message"], "no such path: /api/v1/nothing");
    EXPECT_EQ(body["error"].size(), 3U);
}

TEST_F(HttpServerTest, KnownPathOtherMethodIs405WithAllow) {
    const Reply reply = http_send(api.port(), "DELETE", "/api/v1/agents");
    EXPECT_EQ(reply.status, 405U);
    EXPECT_EQ(reply.code(), "method_not_allowed");
    EXPECT_EQ(reply.header("allow"), "GET");
    const Reply session = http_send(api.port(), "PUT", "/api/v1/session");
    EXPECT_EQ(session.header("allow"), "POST, DELETE");
}

TEST_F(HttpServerTest, RouteIsCheckedBeforeAuthentication) {
    EXPECT_EQ(http_send(api.port(), "GET", "/api/v1/agents/a1001/nope").status, 404U);
    EXPECT_EQ(http_send(api.port(), "GET", "/api/v1/agents").status, 401U);
}

TEST_F(HttpServerTest, UnauthenticatedCarriesWwwAuthenticate) {
    const Reply reply = http_send(api.port(), "GET", "/api/v1/agents");
    EXPECT_EQ(reply.status, 401U);
    EXPECT_EQ(reply.code(), "unauthenticated");
    EXPECT_EQ(reply.header("www-authenticate"), "Bearer realm=\"markaz\"");
}

TEST_F(HttpServerTest, BodyOver64KiBIs413BeforeAuthentication) {
    const std::string big = "{\"x\":\"" + std::string(70 * 1024, 'a') + "\"}";
    const Reply reply = http_send(api.port(), "POST", "/api/v1/calls/c1/move", big,
                                  {{"Content-Type", "application/json"}});
    EXPECT_EQ(reply.status, 413U);
    EXPECT_EQ(reply.code(), "body_too_large");
    EXPECT_EQ(reply.json()["error"]["message"], "the request body is over 64 KiB");
}

TEST_F(HttpServerTest, ChunkedBodyOverTheLimitIs413) {
    const std::string chunk(40 * 1024, 'a');
    char size[16];
    std::snprintf(size, sizeof size, "%zx", chunk.size());
    const std::string request =
        "POST /api/v1/session HTTP/1.1\r\nHost: x\r\n"
        "Content-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n" +
        std::string(size) + "\r\n" + chunk + "\r\n" + std::string(size) + "\r\n" + chunk +
        "\r\n0\r\n\r\n";
    const Reply reply = http_raw(api.port(), request);
    EXPECT_EQ(reply.status, 413U);
    EXPECT_EQ(reply.code(), "body_too_large");
}

TEST_F(HttpServerTest, UnknownRouteWinsOverBodySize) {
    const std::string big(70 * 1024, 'a');
    EXPECT_EQ(http_send(api.port(), "POST", "/api/v1/nothing", big).status, 404U);
}

TEST_F(HttpServerTest, BodyWithoutJsonContentTypeIs415) {
    const Reply reply = http_send(api.port(), "POST", "/api/v1/session",
                                  R"({"username":"manager","password":"demo-manager"})",
                                  {{"Content-Type", "text/plain"}});
    EXPECT_EQ(reply.status, 415U);
    EXPECT_EQ(reply.code(), "unsupported_media_type");
    // parameters are fine
    const Reply charset = http_send(api.port(), "POST", "/api/v1/session",
                                    R"({"username":"manager","password":"demo-manager"})",
                                    {{"Content-Type", "application/json; charset=utf-8"}});
    EXPECT_EQ(charset.status, 200U);
}

TEST_F(HttpServerTest, MalformedJsonGivesLineAndColumn) {
    const Reply reply = http_send(api.port(), "POST", "/api/v1/session", "{\n  \"username\": x}",
                                  {{"Content-Type", "application/json"}});
    EXPECT_EQ(reply.status, 400U);
    EXPECT_EQ(reply.code(), "invalid_json");
    const std::string message = reply.json()["error"]["message"];
    EXPECT_NE(message.find("line 2, column"), std::string::npos) << message;
    const Reply array = http_send(api.port(), "POST", "/api/v1/session", "[1,2]",
                                  {{"Content-Type", "application/json"}});
    EXPECT_EQ(array.code(), "invalid_json");
    EXPECT_EQ(array.json()["error"]["message"], "body: expected a JSON object, got array");
}

TEST_F(HttpServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
    const std::string two =
        "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n"
        "Connection: close\r\n\r\n";
    // The first answer comes back on a connection that stays open for the second.
    const Reply reply = http_raw(api.port(), two);
    EXPECT_EQ(reply.status, 200U);
    EXPECT_NE(reply.header("connection"), "close");
}

TEST_F(HttpServerTest, HealthAndReadiness) {
    const Reply health = http_send(api.port(), "GET", "/healthz");
    EXPECT_EQ(health.status, 200U);
    EXPECT_EQ(health.json(), Json({{"status", "ok"}}));

    api.center.set_readiness({{"core", "ok"}, {"store", "ok"}, {"sip", "ok"}});
    const Reply ready = http_send(api.port(), "GET", "/readyz");
    EXPECT_EQ(ready.status, 200U);
    EXPECT_EQ(ready.json()["status"], "ready");
    EXPECT_EQ(ready.json()["checks"]["sip"], "ok");

    api.center.set_readiness(
        {{"core", "ok"}, {"store", "fail: /var/lib/markaz/markaz.db: disk I/O error"}});
    const Reply not_ready = http_send(api.port(), "GET", "/readyz");
    EXPECT_EQ(not_ready.status, 503U);
    EXPECT_EQ(not_ready.json()["status"], "not-ready");
    // Anyone may ask: the answer names the check, never the path or the database's error.
    EXPECT_EQ(not_ready.json()["checks"]["store"], "fail");
    EXPECT_EQ(not_ready.body.find("/var/lib"), std::string::npos) << not_ready.body;
    EXPECT_EQ(api.logged(), "readyz: store fail: /var/lib/markaz/markaz.db: disk I/O error\n");
}

TEST_F(HttpServerTest, EveryAnswerForbidsContentSniffing) {
    EXPECT_EQ(http_send(api.port(), "GET", "/healthz").header("x-content-type-options"), "nosniff");
    EXPECT_EQ(http_send(api.port(), "GET", "/api/v1/nothing").header("x-content-type-options"),
              "nosniff");
    EXPECT_EQ(http_send(api.port(), "GET", "/metrics").header("x-content-type-options"), "nosniff");
}

TEST_F(HttpServerTest, ServesTheOpenApiDocumentAsShipped) {
    const Reply reply = http_send(api.port(), "GET", "/api/v1/openapi.json");
    ASSERT_EQ(reply.status, 200U);
    EXPECT_EQ(reply.header("content-type"), "application/json; charset=utf-8");
    const char* source = std::getenv("MARKAZ_SOURCE_DIR");
    std::ifstream in(std::string(source ? source : ".") + "/docs/openapi.json");
    const std::string shipped((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(reply.body, shipped);
    EXPECT_EQ(reply.json()["openapi"].get<std::string>().substr(0, 2), "3.");
}

TEST_F(HttpServerTest, PlainGetOfTheLiveFeedAsksForAnUpgrade) {
    Browser manager = api.browser("manager");
    const Reply reply = manager.get("/api/v1/events");
    EXPECT_EQ(reply.status, 400U);
    EXPECT_EQ(reply.code(), "invalid_value");
}

/// A small built front end in a temporary folder.
class PagesTest : public ::testing::Test {
protected:
    static std::filesystem::path make_pages() {
        auto root =
            std::filesystem::temp_directory_path() / ("markaz-pages-" + std::to_string(::getpid()));
        std::filesystem::create_directories(root / "assets");
        std::ofstream(root / "index.html") << "<!doctype html><title>Markaz</title>";
        std::ofstream(root / "favicon.svg") << "<svg/>";
        std::ofstream(root / "assets" / "app-1a2b.js") << "console.log(1)";
        std::ofstream(root / "assets" / "app-1a2b.css") << "body{}";
        return root;
    }
    void TearDown() override { std::filesystem::remove_all(root_); }

    std::filesystem::path root_ = make_pages();
    ApiHarness api{[this](ApiOptions& o) { o.web_root = root_.string(); }};
};

TEST_F(PagesTest, AssetsAreCachedForAYear) {
    const Reply js = http_send(api.port(), "GET", "/assets/app-1a2b.js");
    EXPECT_EQ(js.status, 200U);
    EXPECT_EQ(js.body, "console.log(1)");
    EXPECT_EQ(js.header("content-type"), "text/javascript; charset=utf-8");
    EXPECT_EQ(js.header("cache-control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(http_send(api.port(), "GET", "/assets/app-1a2b.css").header("content-type"),
              "text/css; charset=utf-8");
}

TEST_F(PagesTest, TopLevelFilesAreNoCache) {
    const Reply icon = http_send(api.port(), "GET", "/favicon.svg");
    EXPECT_EQ(icon.status, 200U);
    EXPECT_EQ(icon.header("content-type"), "image/svg+xml");
    EXPECT_EQ(icon.header("cache-control"), "no-cache");
}

TEST_F(PagesTest, PageRoutesGetIndexWithSecurityHeaders) {
    for (const char* path : {"/", "/login", "/wallboard", "/desk", "/console", "/console/agents"}) {
        const Reply page = http_send(api.port(), "GET", path);
        EXPECT_EQ(page.status, 200U) << path;
        EXPECT_EQ(page.body, "<!doctype html><title>Markaz</title>") << path;
        EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
        EXPECT_EQ(page.header("cache-control"), "no-cache");
        EXPECT_NE(page.header("content-security-policy").find("frame-ancestors 'none'"),
                  std::string::npos);
        EXPECT_EQ(page.header("x-content-type-options"), "nosniff");
        EXPECT_EQ(page.header("referrer-policy"), "same-origin");
    }
}

TEST_F(PagesTest, MissingAssetAndDotDotAre404) {
    EXPECT_EQ(http_send(api.port(), "GET", "/assets/missing.js").status, 404U);
    EXPECT_EQ(http_raw(api.port(), "GET /assets/../index.html HTTP/1.1\r\nHost: x\r\n\r\n").status,
              404U);
    EXPECT_EQ(http_raw(api.port(), "GET /%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n").status,
              404U);
}

TEST_F(PagesTest, ASymbolicLinkOutOfThePagesIsNotFollowed) {
    const auto outside = root_.string() + "-secret";
    std::ofstream(outside) << "the store's key";
    std::filesystem::create_symlink(outside, root_ / "secret.txt");
    std::filesystem::create_symlink(outside, root_ / "assets" / "secret.js");
    std::filesystem::create_symlink(root_ / "favicon.svg", root_ / "icon.svg");  // inside: fine
    EXPECT_EQ(http_send(api.port(), "GET", "/assets/secret.js").status, 404U);
    const Reply page = http_send(api.port(), "GET", "/secret.txt");
    EXPECT_EQ(page.body, "<!doctype html><title>Markaz</title>");  // a page route, not the file
    EXPECT_EQ(http_send(api.port(), "GET", "/icon.svg").body, "<svg/>");
    std::filesystem::remove(outside);
}

TEST_F(PagesTest, PagesOnlyAnswerGet) {
    const Reply reply =
        http_send(api.port(), "POST", "/wallboard", "{}", {{"Content-Type", "application/json"}});
    EXPECT_EQ(reply.status, 405U);
    EXPECT_EQ(reply.header("allow"), "GET");
}

}  // namespace
}  // namespace markaz::api::testing
