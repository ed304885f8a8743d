#include "support/http_client.h"

#include <cctype>
#include <chrono>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <gtest/gtest.h>

namespace markaz::integration {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// ---------------------------------------------------------------- HTTP

Json Reply::json() const {
    return Json::parse(body, nullptr, false);
}

std::string Reply::header(const std::string& lower_name) const {
    for (const auto& [name, value] : headers) {
        if (name == lower_name) {
            return value;
        }
    }
    return "";
}

std::vector<std::string> Reply::all(const std::string& lower_name) const {
    std::vector<std::string> out;
    for (const auto& [name, value] : headers) {
        if (name == lower_name) {
            out.push_back(value);
        }
    }
    return out;
}

std::string Reply::code() const {
    const Json parsed = json();
    if (parsed.is_object() && parsed.contains("error")) {
        return parsed["error"].value("code", "");
    }
    return "";
}

std::string Reply::field() const {
    const Json parsed = json();
    if (parsed.is_object() && parsed.contains("error")) {
        const Json& field = parsed["error"]["field"];
        return field.is_null() ? "<null>" : field.get<std::string>();
    }
    return "";
}

namespace {

Reply from_beast(const http::response<http::string_body>& in) {
    Reply out;
    out.status = in.result_int();
    for (const auto& field : in) {
        std::string name(field.name_string());
        for (char& c : name) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        out.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    out.body = in.body();
    return out;
}

/// Runs `io` until `done` or 5 s; the test fails on time-out.
void run_bounded(net::io_context& io, const bool& done) {
    io.restart();
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (!done && std::chrono::steady_clock::now() < deadline) {
        io.run_for(50ms);
        if (io.stopped()) {
            io.restart();
        }
    }
    EXPECT_TRUE(done) << "no answer from the server within 5 s";
}

Reply exchange(unsigned short port,
               const std::function<void(beast::tcp_stream&, std::function<void()>)>& write) {
    net::io_context io;
    beast::tcp_stream stream(io);
    stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(16 * 1024 * 1024);
    bool done = false;
    Reply reply;
    write(stream, [] {});
    http::async_read(stream, buffer, parser, [&](beast::error_code ec, std::size_t) {
        done = true;
        if (!ec) {
            reply = from_beast(parser.get());
        }
    });
    run_bounded(io, done);
    return reply;
}

}  // namespace

Reply http_send(unsigned short port, const std::string& method, const std::string& target,
                const std::string& body, const Headers& headers) {
    auto request = std::make_shared<http::request<http::string_body>>();
    request->method_string(method);
    request->target(target);
    request->version(11);
    request->set(http::field::host, "127.0.0.1:" + std::to_string(port));
    for (const auto& [name, value] : headers) {
        request->insert(name, value);
    }
    request->body() = body;
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
        request->prepare_payload();
    }
    return exchange(port, [request](beast::tcp_stream& stream, std::function<void()>) {
        http::async_write(stream, *request, [request](beast::error_code, std::size_t) {});
    });
}

Reply http_raw(unsigned short port, const std::string& text) {
    auto bytes = std::make_shared<std::string>(text);
    return exchange(port, [bytes](beast::tcp_stream& stream, std::function<void()>) {
        net::async_write(stream, net::buffer(*bytes), [bytes](beast::error_code, std::size_t) {});
    });
}

std::string live_call(const Browser& who, const std::string& state) {
    for (int i = 0; i < 100; ++i) {
        const Json calls = who.get("/api/v1/calls").json()["calls"];
        if (calls.size() == 1 && calls[0]["state"] == state) {
            return calls[0]["id"];
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return "";
}

Reply log_in(unsigned short port, const std::string& username, const std::string& password) {
    return http_send(port, "POST", "/api/v1/session",
                     Json{{"username", username}, {"password", password}}.dump(),
                     {{"Content-Type", "application/json"}});
}

namespace {

/// The value of cookie `name` from the Set-Cookie headers of `reply`.
std::string set_cookie(const Reply& reply, const std::string& name) {
    for (const std::string& value : reply.all("set-cookie")) {
        if (value.starts_with(name + "=")) {
            return value.substr(name.size() + 1, value.find(';') - name.size() - 1);
        }
    }
    return "";
}

}  // namespace

Browser::Browser(unsigned short port, const std::string& username) : port_(port) {
    const Reply reply = log_in(port, username, "demo-" + username);
    EXPECT_EQ(reply.status, 200U) << reply.body;
    session_ = set_cookie(reply, "markaz_session");
    csrf_ = set_cookie(reply, "markaz_csrf");
}

Browser::Browser(unsigned short port, std::string session, std::string csrf)
    : port_(port), session_(std::move(session)), csrf_(std::move(csrf)) {}

Headers Browser::cookie_headers() const {
    return {{"Cookie", "markaz_session=" + session_ + "; markaz_csrf=" + csrf_}};
}

Reply Browser::send(const std::string& method, const std::string& target, const std::string& body,
                    Headers extra) const {
    Headers headers = cookie_headers();
    if (method != "GET") {
        headers.emplace_back("X-CSRF-Token", csrf_);
    }
    if (!body.empty()) {
        headers.emplace_back("Content-Type", "application/json");
    }
    headers.insert(headers.end(), extra.begin(), extra.end());
    return http_send(port_, method, target, body, headers);
}

Reply Browser::get(const std::string& target) const {
    return send("GET", target, "");
}
Reply Browser::post(const std::string& target, const Json& body) const {
    return send("POST", target, body.is_null() ? "" : body.dump());
}
Reply Browser::put(const std::string& target, const Json& body) const {
    return send("PUT", target, body.dump());
}
Reply Browser::patch(const std::string& target, const Json& body) const {
    return send("PATCH", target, body.dump());
}
Reply Browser::del(const std::string& target) const {
    return send("DELETE", target, "");
}

// ---------------------------------------------------------------- WebSocket

struct LiveClient::Impl {
    net::io_context io;
    websocket::stream<beast::tcp_stream> ws{io};
    beast::flat_buffer buffer;
    bool closed = false;
    bool reading = false;  ///< a read is outstanding (it outlives a next() that timed out)
    bool done = false;     ///< ... and has completed with `result`
    beast::error_code result;
};

LiveClient::LiveClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

LiveClient::~LiveClient() {
    beast::error_code ignored;
    beast::get_lowest_layer(impl_->ws).socket().close(ignored);
    while (impl_->reading && !impl_->done) {  // the handler refers to this object
        impl_->io.restart();
        impl_->io.run_for(10ms);
    }
}

std::unique_ptr<LiveClient> LiveClient::open(unsigned short port, const std::string& target,
                                             const Headers& headers, Reply* refusal) {
    auto impl = std::make_unique<Impl>();
    beast::get_lowest_layer(impl->ws).connect(
        tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    impl->ws.set_option(websocket::stream_base::decorator([headers](websocket::request_type& r) {
        for (const auto& [name, value] : headers) {
            r.set(name, value);
        }
    }));
    websocket::response_type response;
    beast::error_code ec;
    impl->ws.handshake(response, "127.0.0.1:" + std::to_string(port), target, ec);
    if (ec) {
        // Beast 1.74 drops a declined upgrade's answer: ask again over plain HTTP to read it.
        if (refusal != nullptr) {
            Headers upgrade = headers;
            upgrade.emplace_back("Connection", "Upgrade");
            upgrade.emplace_back("Upgrade", "websocket");
            upgrade.emplace_back("Sec-WebSocket-Version", "13");
            upgrade.emplace_back("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
            *refusal = http_send(port, "GET", target, "", upgrade);
        }
        return nullptr;
    }
    return std::unique_ptr<LiveClient>(new LiveClient(std::move(impl)));
}

std::optional<Json> LiveClient::next(std::chrono::milliseconds timeout) {
    Impl& s = *impl_;
    if (s.closed) {
        return std::nullopt;
    }
    if (!s.reading) {
        s.reading = true;
        s.done = false;
        s.ws.async_read(s.buffer, [&s](beast::error_code ec, std::size_t) {
            s.done = true;
            s.result = ec;
        });
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!s.done && std::chrono::steady_clock::now() < deadline) {
        s.io.restart();
        s.io.run_for(5ms);
    }
    if (!s.done) {
        return std::nullopt;  // the read stays outstanding for the next call
    }
    s.reading = false;
    if (s.result) {
        s.closed = true;
        return std::nullopt;
    }
    Json frame = Json::parse(beast::buffers_to_string(s.buffer.data()), nullptr, false);
    s.buffer.consume(s.buffer.size());
    return frame;
}

std::optional<Json> LiveClient::next_of(const std::string& type,
                                        std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        auto frame = next(std::max(left, 1ms));
        if (!frame) {
            return std::nullopt;
        }
        if ((*frame)["type"] == type) {
            return frame;
        }
    }
    return std::nullopt;
}

std::optional<std::uint16_t> LiveClient::close_code(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!impl_->closed && std::chrono::steady_clock::now() < deadline) {
        next(std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now()));
    }
    if (!impl_->closed) {
        return std::nullopt;
    }
    return impl_->ws.reason().code;
}

void LiveClient::send_text(const std::string& text) {
    impl_->ws.text(true);
    impl_->ws.write(net::buffer(text));
}

}  // namespace markaz::integration
