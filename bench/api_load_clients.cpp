#include "api_load_clients.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <sstream>
#include <string_view>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/websocket.hpp>
#include <fmt/format.h>

namespace markaz::bench {
namespace {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

struct ProcessTimes {
    double user = 0;    ///< seconds
    double system = 0;  ///< seconds
    long rss_kib = 0;
};

/// A process's CPU time and resident memory from /proc/<pid>/stat (proc(5)); nullopt when the
/// process is gone.
std::optional<ProcessTimes> process_times(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    const std::string text{std::istreambuf_iterator<char>(in), {}};
    // The command name is in parentheses and may hold spaces: count fields after it.
    const auto close = text.rfind(')');
    if (close == std::string::npos) {
        return std::nullopt;
    }
    std::istringstream rest(text.substr(close + 1));
    std::vector<std::string> f{std::istream_iterator<std::string>(rest), {}};
    // f[0] is field 3 (state): utime and stime are fields 14 and 15, rss (pages) field 24.
    if (f.size() < 22) {
        return std::nullopt;
    }
    const auto tick = static_cast<double>(sysconf(_SC_CLK_TCK));
    return ProcessTimes{std::stod(f[11]) / tick, std::stod(f[12]) / tick,
                        std::stol(f[21]) * (sysconf(_SC_PAGESIZE) / 1024)};
}

double own_cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto secs = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return secs(usage.ru_utime) + secs(usage.ru_stime);
}

std::optional<std::int64_t> number_after(std::string_view text, std::string_view key) {
    const auto at = text.find(key);
    if (at == std::string_view::npos) {
        return std::nullopt;
    }
    std::int64_t value = 0;
    const char* begin = text.data() + at + key.size();
    auto [end, ec] = std::from_chars(begin, text.data() + text.size(), value);
    if (ec != std::errc{} || end == begin) {
        return std::nullopt;
    }
    return value;
}

enum class FrameType { Snapshot, Delta, Heartbeat };

struct FrameHead {
    FrameType type = FrameType::Delta;
    std::int64_t seq = 0;
    std::int64_t at_ms = 0;
};

/// type, seq and at_ms, which lead every frame (docs/api.md): read from the first bytes only,
/// so that the clients do not spend the machine's CPU parsing what they measure.
std::optional<FrameHead> read_head(std::string_view frame) {
    frame = frame.substr(0, 128);
    FrameHead head;
    if (frame.starts_with(R"({"type":"snapshot")")) {
        head.type = FrameType::Snapshot;
    } else if (frame.starts_with(R"({"type":"delta")")) {
        head.type = FrameType::Delta;
    } else if (frame.starts_with(R"({"type":"heartbeat")")) {
        head.type = FrameType::Heartbeat;
    } else {
        return std::nullopt;
    }
    auto seq = number_after(frame, R"("seq":)");
    auto at = number_after(frame, R"("at_ms":)");
    if (!seq || !at) {
        return std::nullopt;
    }
    head.seq = *seq;
    head.at_ms = *at;
    return head;
}

std::int64_t wall_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

struct Tally {
    std::int64_t frames = 0;
    std::int64_t bytes = 0;
    std::int64_t snapshots = 0;
    std::int64_t deltas = 0;
    std::int64_t heartbeats = 0;
};

class Fanout;

/// One WebSocket client: connects, upgrades with the token, and reads until closed.
class Client : public std::enable_shared_from_this<Client> {
public:
    Client(Fanout& fanout, net::io_context& io) : fanout_(fanout), ws_(io) {}

    void start(const tcp::endpoint& endpoint);
    /// Closes with 1000 (the measurement is over); not counted as dropped.
    void close();

    Tally window;
    std::int64_t gaps = 0;       ///< frames whose seq was not the previous + 1
    std::int64_t malformed = 0;  ///< frames without type, seq and at_ms in front
    std::int64_t resyncs = 0;    ///< snapshots after the first
    std::int64_t snapshot_bytes = 0;
    bool has_snapshot = false;
    bool ended = false;
    bool closed_by_us = false;
    std::string end_reason;

private:
    void on_connect(beast::error_code ec);
    void read();
    /// Counts one frame; true for a snapshot.
    bool on_frame(std::string_view text);
    void end(std::string reason);

    Fanout& fanout_;
    websocket::stream<beast::tcp_stream> ws_;
    beast::flat_buffer buffer_;
    std::int64_t last_seq_ = 0;
};

/// The clients, the phases of a run (connect, settle, measure, close) and the report.
class Fanout {
public:
    Fanout(const ClientsOptions& options, std::ostream& out) : options_(options), out_(out) {}

    int run();

    const ClientsOptions& options() const { return options_; }
    bool measuring() const { return phase_ == Phase::Measuring; }
    void on_connected() { ++connected_; }
    void on_snapshot();
    void on_delay(std::int64_t ms) { delays_.push_back(ms); }
    void on_end(const Client& client);

private:
    enum class Phase { Connecting, Settling, Measuring, Closing };

    void tick();
    void begin_window();
    void end_window();
    int report() const;

    const ClientsOptions& options_;
    std::ostream& out_;
    net::io_context io_;
    net::steady_timer timer_{io_};
    std::vector<std::shared_ptr<Client>> clients_;
    Phase phase_ = Phase::Connecting;
    Clock::time_point started_{};
    Clock::time_point phase_since_{};
    std::optional<Duration> all_connected_after_;
    std::optional<Duration> all_snapshots_after_;
    int connected_ = 0;
    int snapshots_ = 0;
    int ended_ = 0;
    int failed_ = 0;  ///< ended before their snapshot
    int dropped_in_window_ = 0;
    std::vector<std::int64_t> delays_;  ///< ms from the server's read to this process, in window
    // The window's measurements.
    double window_seconds_ = 0;
    std::optional<ProcessTimes> server_before_;
    std::optional<ProcessTimes> server_after_;
    double own_cpu_before_ = 0;
    double own_cpu_after_ = 0;
};

void Client::start(const tcp::endpoint& endpoint) {
    beast::get_lowest_layer(ws_).expires_after(10s);
    beast::get_lowest_layer(ws_).async_connect(
        endpoint, [self = shared_from_this()](beast::error_code ec) { self->on_connect(ec); });
}

void Client::on_connect(beast::error_code ec) {
    if (ec) {
        return end("connect: " + ec.message());
    }
    // From here the WebSocket keeps its own time-outs.
    beast::get_lowest_layer(ws_).expires_never();
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
    ws_.set_option(websocket::stream_base::decorator(
        [token = fanout_.options().token](websocket::request_type& request) {
            request.set(beast::http::field::authorization, "Bearer " + token);
        }));
    ws_.read_message_max(256 * 1024 * 1024);  // a snapshot grows with the centre
    const ClientsOptions& o = fanout_.options();
    const std::string host = o.address + ":" + std::to_string(o.port);
    const std::string target =
        "/api/v1/events" + (o.topics.empty() ? std::string() : "?topics=" + o.topics);
    ws_.async_handshake(host, target, [self = shared_from_this()](beast::error_code ec) {
        if (ec) {
            return self->end("upgrade: " + ec.message());
        }
        self->fanout_.on_connected();
        self->read();
    });
}

void Client::read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
        if (ec == websocket::error::closed) {
            return self->end("closed by the server with " +
                             std::to_string(self->ws_.reason().code));
        }
        if (ec) {
            return self->end(ec.message());
        }
        const auto* data = static_cast<const char*>(self->buffer_.data().data());
        const bool snapshot = self->on_frame(std::string_view(data, self->buffer_.size()));
        self->buffer_.consume(self->buffer_.size());
        if (snapshot) {
            // A snapshot is as big as the centre, deltas are small: give the memory back.
            self->buffer_.shrink_to_fit();
        }
        self->read();
    });
}

bool Client::on_frame(std::string_view text) {
    const auto head = read_head(text);
    if (!head) {
        ++malformed;
        return false;
    }
    // After dropping a slow client's queued deltas the server sends a snapshot, which
    // replaces everything: only a gap before a delta or heartbeat is a fault.
    if (head->seq != last_seq_ + 1 && head->type != FrameType::Snapshot) {
        ++gaps;
    }
    if (head->type == FrameType::Snapshot && has_snapshot) {
        ++resyncs;
    }
    last_seq_ = head->seq;
    if (head->type == FrameType::Snapshot && !has_snapshot) {
        has_snapshot = true;
        snapshot_bytes = static_cast<std::int64_t>(text.size());
        fanout_.on_snapshot();
    }
    if (!fanout_.measuring()) {
        return head->type == FrameType::Snapshot;
    }
    fanout_.on_delay(wall_ms() - head->at_ms);
    ++window.frames;
    window.bytes += static_cast<std::int64_t>(text.size());
    switch (head->type) {
        case FrameType::Snapshot:
            ++window.snapshots;
            break;
        case FrameType::Delta:
            ++window.deltas;
            break;
        case FrameType::Heartbeat:
            ++window.heartbeats;
            break;
    }
    return head->type == FrameType::Snapshot;
}

void Client::close() {
    if (ended) {
        return;
    }
    closed_by_us = true;
    ws_.async_close(websocket::close_code::normal, [self = shared_from_this()](beast::error_code) {
        // The outstanding read completes with `closed` and ends the client.
    });
}

void Client::end(std::string reason) {
    if (ended) {
        return;
    }
    ended = true;
    end_reason = std::move(reason);
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
    fanout_.on_end(*this);
}

void Fanout::on_snapshot() {
    if (++snapshots_ == options_.count) {
        all_snapshots_after_ = std::chrono::duration_cast<Duration>(Clock::now() - started_);
    }
}

void Fanout::on_end(const Client& client) {
    ++ended_;
    if (!client.has_snapshot) {
        ++failed_;
    }
    if (phase_ == Phase::Measuring && !client.closed_by_us) {
        ++dropped_in_window_;
    }
}

int Fanout::run() {
    const tcp::endpoint endpoint(net::ip::make_address(options_.address), options_.port);
    started_ = phase_since_ = Clock::now();
    for (int i = 0; i < options_.count; ++i) {
        clients_.push_back(std::make_shared<Client>(*this, io_));
        clients_.back()->start(endpoint);
    }
    tick();
    io_.run();
    return report();
}

void Fanout::tick() {
    const auto now = Clock::now();
    if (!all_connected_after_ && connected_ == options_.count) {
        all_connected_after_ = std::chrono::duration_cast<Duration>(now - started_);
    }
    switch (phase_) {
        case Phase::Connecting:
            // Every client has its snapshot or has failed, or the clients stop waiting.
            if (snapshots_ + failed_ >= options_.count ||
                now - started_ >= options_.connect_limit) {
                phase_ = Phase::Settling;
                phase_since_ = now;
            }
            break;
        case Phase::Settling:
            if (now - phase_since_ >= options_.settle) {
                begin_window();
            }
            break;
        case Phase::Measuring:
            if (now - phase_since_ >= options_.window) {
                end_window();
            }
            break;
        case Phase::Closing:
            if (ended_ == options_.count || now - phase_since_ >= 3s) {
                io_.stop();
                return;
            }
            break;
    }
    timer_.expires_after(50ms);
    timer_.async_wait([this](beast::error_code ec) {
        if (!ec) {
            tick();
        }
    });
}

void Fanout::begin_window() {
    phase_ = Phase::Measuring;
    phase_since_ = Clock::now();
    if (options_.server_pid) {
        server_before_ = process_times(*options_.server_pid);
    }
    own_cpu_before_ = own_cpu_seconds();
}

void Fanout::end_window() {
    window_seconds_ = std::chrono::duration<double>(Clock::now() - phase_since_).count();
    if (options_.server_pid) {
        server_after_ = process_times(*options_.server_pid);
    }
    own_cpu_after_ = own_cpu_seconds();
    phase_ = Phase::Closing;
    phase_since_ = Clock::now();
    for (auto& client : clients_) {
        client->close();
    }
}

double percentile(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) {
        return 0;
    }
    const auto i = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(i, sorted.size() - 1)];
}

int Fanout::report() const {
    const int n = options_.count;
    auto after = [](const std::optional<Duration>& d) {
        return d ? fmt::format(" (all within {:.1f} s)", seconds(*d)) : std::string();
    };
    std::vector<double> snapshot_kib;
    for (const auto& client : clients_) {
        if (client->has_snapshot) {
            snapshot_kib.push_back(static_cast<double>(client->snapshot_bytes) / 1024);
        }
    }
    std::sort(snapshot_kib.begin(), snapshot_kib.end());
    out_ << fmt::format("clients: {} of {} upgraded{}; {} snapshots{}, {:.0f} KiB each\n",
                        connected_, n, after(all_connected_after_), snapshots_,
                        after(all_snapshots_after_), percentile(snapshot_kib, 0.5));
    if (window_seconds_ <= 0) {
        out_ << "no measuring window\n";
        return 1;
    }

    std::vector<double> rates;
    std::vector<double> kib_rates;
    Tally all;
    std::int64_t gaps = 0;
    std::int64_t malformed = 0;
    std::int64_t resyncs = 0;
    std::map<std::string, int> endings;
    for (const auto& client : clients_) {
        if (client->has_snapshot) {
            rates.push_back(static_cast<double>(client->window.frames) / window_seconds_);
            kib_rates.push_back(static_cast<double>(client->window.bytes) / 1024 / window_seconds_);
        }
        all.frames += client->window.frames;
        all.bytes += client->window.bytes;
        all.snapshots += client->window.snapshots;
        all.deltas += client->window.deltas;
        all.heartbeats += client->window.heartbeats;
        gaps += client->gaps;
        malformed += client->malformed;
        resyncs += client->resyncs;
        if (client->ended && !client->closed_by_us) {
            ++endings[client->end_reason];
        }
    }
    std::sort(rates.begin(), rates.end());
    std::sort(kib_rates.begin(), kib_rates.end());
    auto mean = [](const std::vector<double>& v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return v.empty() ? 0 : sum / static_cast<double>(v.size());
    };
    out_ << fmt::format("window: {:.1f} s, {} clients measured\n", window_seconds_, rates.size());
    out_ << fmt::format(
        "frames per client per second: slowest {:.2f}, median {:.2f}, mean {:.2f}, fastest "
        "{:.2f} ({} frames: {} deltas, {} snapshots, {} heartbeats; {:.1f} KiB on average)\n",
        rates.empty() ? 0 : rates.front(), percentile(rates, 0.5), mean(rates),
        rates.empty() ? 0 : rates.back(), all.frames, all.deltas, all.snapshots, all.heartbeats,
        all.frames > 0 ? static_cast<double>(all.bytes) / 1024 / static_cast<double>(all.frames)
                       : 0.0);
    out_ << fmt::format(
        "bytes per client per second: slowest {:.1f} KiB/s, mean {:.1f} KiB/s; all clients "
        "{:.2f} MiB/s\n",
        kib_rates.empty() ? 0 : kib_rates.front(), mean(kib_rates),
        static_cast<double>(all.bytes) / 1024 / 1024 / window_seconds_);
    std::vector<double> delays(delays_.begin(), delays_.end());
    std::sort(delays.begin(), delays.end());
    out_ << fmt::format(
        "frame delay (the server's read of the centre to this process): p50 {:.0f} ms, p99 {:.0f} "
        "ms, max {:.0f} ms\n",
        percentile(delays, 0.5), percentile(delays, 0.99), delays.empty() ? 0 : delays.back());
    out_ << fmt::format(
        "seq gaps: {}; malformed frames: {}; resynchronising snapshots (the "
        "whole run): {}\n",
        gaps, malformed, resyncs);
    int dropped = 0;
    for (const auto& [reason, count] : endings) {
        dropped += count;
    }
    out_ << fmt::format(
        "dropped or closed by the server: {} ({} before their snapshot, {} in "
        "the window)\n",
        dropped, failed_, dropped_in_window_);
    for (const auto& [reason, count] : endings) {
        out_ << fmt::format("  {} x {}\n", count, reason);
    }
    if (server_before_ && server_after_) {
        const double user = server_after_->user - server_before_->user;
        const double system = server_after_->system - server_before_->system;
        out_ << fmt::format(
            "server (pid {}): {:.3f} of one core (user {:.3f} + system {:.3f}); RSS {:.0f} "
            "MiB\n",
            *options_.server_pid, (user + system) / window_seconds_, user / window_seconds_,
            system / window_seconds_, static_cast<double>(server_after_->rss_kib) / 1024);
    } else if (options_.server_pid) {
        out_ << "server: its /proc entry could not be read\n";
    }
    out_ << fmt::format("clients (this process): {:.3f} of one core\n",
                        (own_cpu_after_ - own_cpu_before_) / window_seconds_);
    const bool clean = connected_ == n && snapshots_ == n && dropped == 0 && gaps == 0 &&
                       malformed == 0 && !server_after_.has_value() == !options_.server_pid;
    return clean ? 0 : 1;
}

}  // namespace

int run_clients(const ClientsOptions& options, std::ostream& out) {
    Fanout fanout(options, out);
    return fanout.run();
}

}  // namespace markaz::bench
