#include "api/http_server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <chrono>
#include <functional>
#include <limits>
#include <optional>
#include <pthread.h>
#include <stdexcept>
#include <thread>
#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "api/client_address.h"
#include "api/connection_limits.h"
#include "api/live_socket.h"

namespace markaz::api {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

constexpr std::uint32_t kHeaderLimit = 16 * 1024;
constexpr auto kSessionSweep = std::chrono::minutes(1);
constexpr auto kDrainTimeout = std::chrono::seconds(2);
constexpr std::size_t kDrainLimit = 1024 * 1024;

HttpRequest to_request(const http::request<http::string_body>& in, std::string client) {
    HttpRequest out;
    out.method =
        parse_method(std::string_view(in.method_string().data(), in.method_string().size()));
    const std::string_view target(in.target().data(), in.target().size());
    const auto question = target.find('?');
    out.path = std::string(target.substr(0, question));
    if (question != std::string_view::npos) {
        out.query = std::string(target.substr(question + 1));
    }
    for (const auto& field : in) {
        std::string name(field.name_string().data(), field.name_string().size());
        for (char& c : name) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        out.headers.emplace_back(std::move(name),
                                 std::string(field.value().data(), field.value().size()));
    }
    out.body = in.body();
    out.remote_address = std::move(client);
    return out;
}

std::shared_ptr<http::response<http::string_body>> to_beast(HttpResponse in, unsigned version,
                                                            bool keep_alive) {
    auto out = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(in.status), version);
    out->set(http::field::server, "markaz");
    out->set("X-Content-Type-Options", "nosniff");
    for (auto& [name, value] : in.headers) {
        out->insert(name, value);  // insert, not set: Set-Cookie comes twice
    }
    out->body() = std::move(in.body);
    out->keep_alive(keep_alive && !in.close);
    out->prepare_payload();
    return out;
}

}  // namespace

struct HttpServer::Impl {
    Impl(const ApiOptions& o, ApiService& s, LiveFeed& f, ServerCounters& c, SessionStore& ss,
         std::function<void()> t)
        : options(o),
          service(s),
          feed(f),
          counters(c),
          sessions(ss),
          each_tick(std::move(t)),
          trusted_proxies(o.trusted_proxies),
          limits(
              ConnectionCaps{o.max_connections, o.max_connections_per_address, trusted_proxies}) {}

    void accept();
    void tick();
    WallTime wall_now() const {
        return options.clock
                   ? options.clock()
                   : std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
    }
    void report(const std::string& what) const {
        if (options.log_error) {
            options.log_error(what);
        }
    }

    const ApiOptions& options;
    ApiService& service;
    LiveFeed& feed;
    ServerCounters& counters;
    SessionStore& sessions;
    std::function<void()> each_tick;
    const TrustedProxies trusted_proxies;  ///< web.trusted_proxies, parsed once
    // Before io: pending handlers own connections that give their slots back when io and its
    // handlers are destroyed.
    std::atomic<bool> stopping{false};
    ConnectionLimits limits;
    net::io_context io{};
    tcp::acceptor acceptor{net::make_strand(io)};
    net::steady_timer ticker{io};
    std::chrono::steady_clock::time_point next_tick{};  ///< when the ticker fires next
    std::vector<std::thread> threads;
    unsigned short port = 0;
    SteadyTime last_sweep{};
};

namespace {

/// One HTTP connection: reads a request, answers it, and reads the next while the client
/// keeps the connection alive.
class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
public:
    HttpConnection(tcp::socket&& socket, HttpServer::Impl& server, ConnectionLimits::Slot slot,
                   std::string peer)
        : stream_(std::move(socket)),
          server_(server),
          slot_(std::move(slot)),
          peer_(std::move(peer)) {}

    void run() {
        net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_head(); });
    }

private:
    void read_head() {
        parser_.emplace();
        parser_->header_limit(kHeaderLimit);
        // The limit applies after the route is checked. Not boost::none: Beast 1.74 compares
        // a declared Content-Length with the optional itself, and anything exceeds "none".
        parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
        // One deadline for the whole head, however slowly it trickles in.
        stream_.expires_after(server_.options.header_timeout);
        http::async_read_header(
            stream_, buffer_, *parser_,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_head(ec); });
    }

    void on_head(beast::error_code ec) {
        if (ec) {
            return shut();  // the client went away, timed out or sent no HTTP
        }
        const auto& head = parser_->get();
        const std::string_view target(head.target().data(), head.target().size());
        const std::string_view path = target.substr(0, target.find('?'));
        const Method method = parse_method(
            std::string_view(head.method_string().data(), head.method_string().size()));
        // Docs' order: the route (404/405), then the body's size (413), before reading it.
        std::optional<std::uint64_t> length;
        if (const auto declared = parser_->content_length()) {
            length = *declared;
        }
        if (auto early = server_.service.precheck(method, path, length)) {
            early->close = !parser_->is_done();  // an unread body makes the connection unusable
            return answer(std::move(*early), head.version(), head.keep_alive());
        }
        parser_->body_limit(server_.options.max_body_bytes);
        stream_.expires_after(server_.options.body_timeout);
        http::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code ec, std::size_t) {
                             self->on_request(ec);
                         });
    }

    void on_request(beast::error_code ec) {
        if (ec == http::error::body_limit) {
            HttpResponse refused =
                error_response(ApiError::body_too_large(server_.options.max_body_bytes));
            refused.close = true;
            return answer(std::move(refused), parser_->get().version(), false);
        }
        if (ec) {
            return shut();
        }
        http::request<http::string_body> request = parser_->release();
        const auto forwarded = request["X-Forwarded-For"];
        HttpRequest plain = to_request(
            request, client_address(peer_, std::string_view(forwarded.data(), forwarded.size()),
                                    server_.trusted_proxies));
        if (beast::websocket::is_upgrade(request) && plain.path == kLivePath) {
            return upgrade(std::move(request), plain);
        }
        answer(server_.service.handle(plain), request.version(), request.keep_alive());
    }

    void upgrade(http::request<http::string_body> request, const HttpRequest& plain) {
        auto grant = server_.service.open_live(plain);
        if (!grant) {
            return answer(error_response(grant.error()), request.version(), false);
        }
        server_.counters.count_response(101);
        stream_.expires_never();  // the WebSocket keeps its own timeouts
        auto socket = std::make_shared<LiveSocket>(stream_.release_socket(), server_.feed,
                                                   server_.options.pacing, std::move(*slot_));
        slot_.reset();
        socket->run(std::move(request), std::move(*grant));
    }

    void answer(HttpResponse response, unsigned version, bool keep_alive) {
        server_.counters.count_response(response.status);
        auto message = to_beast(std::move(response), version, keep_alive);
        stream_.expires_after(server_.options.body_timeout);
        http::async_write(stream_, *message,
                          [self = shared_from_this(), message](beast::error_code ec, std::size_t) {
                              if (ec) {
                                  return self->shut();
                              }
                              if (!message->keep_alive()) {
                                  self->shut();
                                  return self->drain();
                              }
                              self->read_head();
                          });
    }

    /// Reads and drops what the client still sends after an early answer (413), for a bounded
    /// time: closing with unread data would reset the connection, and the client could lose
    /// the answer before reading it.
    void drain() {
        stream_.expires_after(kDrainTimeout);
        stream_.async_read_some(net::buffer(scratch_),
                                [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                                    self->drained_ += n;
                                    if (!ec && self->drained_ < kDrainLimit) {
                                        self->drain();
                                    }
                                });
    }

    void shut() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    HttpServer::Impl& server_;
    std::optional<ConnectionLimits::Slot> slot_;  ///< moves to the WebSocket on an upgrade
    std::string peer_;                            ///< the TCP peer's address
    std::array<char, 4096> scratch_{};
    std::size_t drained_ = 0;
};

}  // namespace

void HttpServer::Impl::accept() {
    acceptor.async_accept(net::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
        if (stopping) {
            return;
        }
        if (ec) {
            report("api: accept failed: " + ec.message());
        } else {
            beast::error_code peer_ec;
            const auto peer = socket.remote_endpoint(peer_ec);
            const std::string address = peer_ec ? std::string() : peer.address().to_string();
            if (auto slot = limits.admit(address)) {
                std::make_shared<HttpConnection>(std::move(socket), *this, std::move(*slot),
                                                 address)
                    ->run();
            } else {
                ++counters.http_refused;  // closed unanswered as `socket` goes
            }
        }
        accept();
    });
}

void HttpServer::Impl::tick() {
    // A fixed period: a tick's own work does not push the next one back, and the feed paces
    // frames by the ticks' scheduled times, so a frame due every other tick goes out every
    // `frame_interval` exactly, not a little later each time.
    const auto period = options.pacing.frame_interval / 2;
    const auto now = std::chrono::steady_clock::now();
    next_tick = next_tick == std::chrono::steady_clock::time_point{}
                    ? now + period
                    : std::max(next_tick + period, now);
    ticker.expires_at(next_tick);
    ticker.async_wait([this](beast::error_code ec) {
        if (ec || stopping) {
            return;
        }
        const WallTime now = wall_now();
        const auto mono = std::chrono::time_point_cast<Duration>(next_tick);
        try {
            feed.tick(now, mono);
            if (each_tick) {
                each_tick();
            }
            if (mono - last_sweep >= kSessionSweep) {
                last_sweep = mono;
                for (const std::string& key : sessions.sweep(now)) {
                    feed.close_session(key, kCloseSessionEnded);
                }
            }
        } catch (const std::exception& e) {
            report(std::string("api: live feed tick failed: ") + e.what());
        }
        tick();
    });
}

HttpServer::HttpServer(const ApiOptions& options, ApiService& service, LiveFeed& feed,
                       ServerCounters& counters, SessionStore& sessions,
                       std::function<void()> each_tick)
    : impl_(std::make_unique<Impl>(options, service, feed, counters, sessions,
                                   std::move(each_tick))) {}

HttpServer::~HttpServer() {
    stop();
}

void HttpServer::start() {
    Impl& s = *impl_;
    beast::error_code ec;
    const auto address = net::ip::make_address(s.options.address, ec);
    const std::string where = s.options.address + ":" + std::to_string(s.options.port);
    if (ec) {
        throw std::runtime_error("api: '" + s.options.address + "' is not an IP address");
    }
    const tcp::endpoint endpoint(address, s.options.port);
    s.acceptor.open(endpoint.protocol(), ec);
    if (!ec) {
        s.acceptor.set_option(net::socket_base::reuse_address(true), ec);
    }
    if (!ec) {
        s.acceptor.bind(endpoint, ec);
    }
    if (!ec) {
        s.acceptor.listen(net::socket_base::max_listen_connections, ec);
    }
    if (ec) {
        throw std::runtime_error("api: cannot listen on " + where + ": " + ec.message());
    }
    s.port = s.acceptor.local_endpoint().port();
    s.accept();
    s.tick();
    const int count = s.options.threads < 1 ? 1 : s.options.threads;
    for (int i = 0; i < count; ++i) {
        s.threads.emplace_back([&s, i] {
            const std::string name = "http-" + std::to_string(i + 1);
            pthread_setname_np(pthread_self(), name.c_str());
            s.io.run();
        });
    }
}

void HttpServer::stop() {
    Impl& s = *impl_;
    if (s.threads.empty() || s.stopping.exchange(true)) {
        return;
    }
    net::post(s.acceptor.get_executor(), [&s] {
        beast::error_code ignored;
        s.acceptor.close(ignored);
    });
    net::post(s.io, [&s] { s.ticker.cancel(); });
    s.feed.close_all(beast::websocket::close_code::going_away);  // 1001
    // Idle keep-alive connections would hold the threads for their timeout: close frames get
    // at most half a second to go out, then everything stops.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
    // The check holds itself only weakly: the pending handler owns it. When the threads run
    // out of work before the first check runs (acceptor and ticker already gone), destroying
    // the io_context destroys that handler and with it the check, instead of leaking a cycle.
    auto poll = std::make_shared<net::steady_timer>(s.io);
    auto check = std::make_shared<std::function<void()>>();
    *check = [&s, poll, self = std::weak_ptr(check), deadline] {
        if (s.limits.open() == 0 || std::chrono::steady_clock::now() >= deadline) {
            s.io.stop();
            return;
        }
        poll->expires_after(std::chrono::milliseconds(5));
        poll->async_wait([next = self.lock()](beast::error_code) { (*next)(); });
    };
    net::post(s.io, [check] { (*check)(); });
    for (std::thread& thread : s.threads) {
        thread.join();
    }
    s.threads.clear();
    // A handshake that completed while stopping may have joined the feed after close_all().
    s.feed.close_all(beast::websocket::close_code::going_away);
}

unsigned short HttpServer::port() const {
    return impl_->port;
}

}  // namespace markaz::api
