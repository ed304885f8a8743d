#include "api/live_socket.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

namespace markaz::api {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace net = boost::asio;

namespace {
// docs/api.md: a client sends only control frames; a data frame over 4 KiB gets 1009.
constexpr std::size_t kMaxClientMessage = 4 * 1024;
}  // namespace

LiveSocket::LiveSocket(net::ip::tcp::socket&& socket, LiveFeed& feed, const LivePacing& pacing,
                       ConnectionLimits::Slot slot)
    : ws_(std::move(socket)), feed_(feed), slot_(std::move(slot)) {
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = std::chrono::seconds(30);
    // Beast pings after half the idle timeout without traffic and gives up after all of it.
    timeouts.idle_timeout = 2 * pacing.ping;
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    ws_.read_message_max(kMaxClientMessage);
    ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
        response.set(beast::http::field::server, "markaz");
    }));
}

void LiveSocket::run(beast::http::request<beast::http::string_body> request, LiveGrant grant) {
    // Beast builds the handshake answer from the request at once; it need not outlive the call.
    ws_.async_accept(request, [self = shared_from_this(),
                               grant = std::move(grant)](beast::error_code ec) mutable {
        if (ec) {
            return;
        }
        self->feed_id_ = self->feed_.add(self, std::move(grant));
        self->read();
    });
}

void LiveSocket::read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
        if (ec) {
            // Closed, timed out (no pong), or too big (Beast has sent 1009).
            self->ended();
            return;
        }
        self->buffer_.consume(self->buffer_.size());
        self->close(websocket::close_code::policy_error);  // 1008: clients send no data
        self->read();  // the read completes when the client answers the close
    });
}

void LiveSocket::send(std::string frame) {
    pending_bytes_ += frame.size();
    net::post(ws_.get_executor(), [self = shared_from_this(), frame = std::move(frame)]() mutable {
        if (self->closing_) {
            self->pending_bytes_ -= frame.size();
            return;
        }
        self->queue_.push_back(std::move(frame));
        if (!self->writing_) {
            self->write_next();
        }
    });
}

void LiveSocket::write_next() {
    writing_ = true;
    ws_.text(true);
    ws_.async_write(net::buffer(queue_.front()),
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        self->pending_bytes_ -= self->queue_.front().size();
                        self->queue_.pop_front();
                        if (ec || self->queue_.empty() || self->closing_) {
                            self->writing_ = false;
                            return;
                        }
                        self->write_next();
                    });
}

void LiveSocket::drop_pending() {
    net::post(ws_.get_executor(), [self = shared_from_this()] {
        // The frame being written stays: a WebSocket frame cannot be cut short.
        const std::size_t keep = self->writing_ ? 1 : 0;
        while (self->queue_.size() > keep) {
            self->pending_bytes_ -= self->queue_.back().size();
            self->queue_.pop_back();
        }
    });
}

void LiveSocket::close(std::uint16_t code) {
    net::post(ws_.get_executor(), [self = shared_from_this(), code] {
        if (self->closing_) {
            return;
        }
        self->closing_ = true;
        const std::size_t keep = self->writing_ ? 1 : 0;
        while (self->queue_.size() > keep) {
            self->pending_bytes_ -= self->queue_.back().size();
            self->queue_.pop_back();
        }
        self->ws_.async_close(websocket::close_reason(code),
                              [self](beast::error_code) { self->ended(); });
    });
}

void LiveSocket::ended() {
    if (feed_id_ != 0) {
        feed_.remove(feed_id_);
    }
}

}  // namespace markaz::api
