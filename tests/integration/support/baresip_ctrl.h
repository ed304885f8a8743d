#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace markaz::integration {

/// One TCP connection to baresip's ctrl_tcp module: JSON messages framed as netstrings
/// ("<length>:<json>,"). Commands go out as {"command","params","token"}; what comes back is
/// either a response {"response":true,"ok","data","token"} or an event {"event":true,"type",
/// "class","accountaor","direction","peeruri","id","param"}.
/// Owns the socket. Thread: the test thread only.
class BaresipCtrl {
public:
    using Clock = std::chrono::steady_clock;

    BaresipCtrl() = default;
    ~BaresipCtrl();
    BaresipCtrl(const BaresipCtrl&) = delete;
    BaresipCtrl& operator=(const BaresipCtrl&) = delete;

    /// One attempt to connect to 127.0.0.1:port; false when refused (baresip not listening yet).
    bool try_connect(std::uint16_t port);
    bool connected() const { return fd_ >= 0; }
    void close();

    /// Sends one message. Throws std::runtime_error when the connection is gone.
    void send(const nlohmann::json& message);
    /// The next message, or nullopt if none arrived by `deadline`. Throws std::runtime_error
    /// when baresip closed the connection or sent something that is not a JSON netstring.
    std::optional<nlohmann::json> receive(Clock::time_point deadline);

private:
    std::optional<nlohmann::json> take_frame();

    int fd_ = -1;
    std::string buffer_;
};

}  // namespace markaz::integration
