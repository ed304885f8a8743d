#pragma once

// Internal to the HTTP server: one WebSocket of the live feed on Beast. Includes Beast, so
// only http_server.cpp and live_socket.cpp include it.

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "api/api_options.h"
#include "api/connection_limits.h"
#include "api/live_feed.h"

namespace markaz::api {

/// A live-feed client: frames from the feed are queued and written one at a time on the
/// socket's strand; anything the client sends but control frames closes it (1008, or 1009
/// when over 4 KiB). Beast pings every `pacing.ping` of silence and closes the connection
/// when the pong does not come within as long again.
class LiveSocket final : public LiveConnection, public std::enable_shared_from_this<LiveSocket> {
public:
    /// `slot` is the connection's place under the server's caps, held while this one lives.
    LiveSocket(boost::asio::ip::tcp::socket&& socket, LiveFeed& feed, const LivePacing& pacing,
               ConnectionLimits::Slot slot);

    /// Completes the upgrade of `request` and, once open, joins the feed with `grant`.
    void run(boost::beast::http::request<boost::beast::http::string_body> request, LiveGrant grant);

    void send(std::string frame) override;
    std::size_t pending_bytes() const override { return pending_bytes_.load(); }
    void drop_pending() override;
    void close(std::uint16_t code) override;

private:
    void read();
    void write_next();
    void ended();

    boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
    boost::beast::flat_buffer buffer_;
    LiveFeed& feed_;
    ConnectionLimits::Slot slot_;
    // On the strand only:
    std::deque<std::string> queue_;
    bool writing_ = false;
    bool closing_ = false;
    std::uint64_t feed_id_ = 0;
    // Any thread:
    std::atomic<std::size_t> pending_bytes_{0};
};

}  // namespace markaz::api
