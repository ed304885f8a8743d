#include "support/baresip_ctrl.h"

#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace markaz::integration {
namespace {

// A ctrl_tcp message is a few hundred bytes; "help" output is ~2 kB.
constexpr std::size_t kMaxFrame = 1 << 20;

}  // namespace

BaresipCtrl::~BaresipCtrl() {
    close();
}

bool BaresipCtrl::try_connect(std::uint16_t port) {
    close();
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        throw std::runtime_error(std::string{"socket: "} + strerror(errno));
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return false;
    }
    fd_ = fd;
    buffer_.clear();
    return true;
}

void BaresipCtrl::close() {
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
}

void BaresipCtrl::send(const nlohmann::json& message) {
    if (fd_ < 0) {
        throw std::runtime_error("ctrl_tcp: not connected");
    }
    const std::string body = message.dump();
    const std::string frame = std::to_string(body.size()) + ":" + body + ",";
    std::size_t sent = 0;
    while (sent < frame.size()) {
        const ssize_t n = ::send(fd_, frame.data() + sent, frame.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            throw std::runtime_error(std::string{"ctrl_tcp: send failed: "} + strerror(errno));
        }
        sent += static_cast<std::size_t>(n);
    }
}

std::optional<nlohmann::json> BaresipCtrl::take_frame() {
    const auto colon = buffer_.find(':');
    if (colon == std::string::npos) {
        if (buffer_.size() > 20) {
            throw std::runtime_error("ctrl_tcp: no netstring length in: " + buffer_.substr(0, 40));
        }
        return std::nullopt;
    }
    std::size_t length = 0;
    for (std::size_t i = 0; i < colon; ++i) {
        const char c = buffer_[i];
        if (c < '0' || c > '9' || length > kMaxFrame) {
            throw std::runtime_error("ctrl_tcp: bad netstring length: " + buffer_.substr(0, colon));
        }
        length = length * 10 + static_cast<std::size_t>(c - '0');
    }
    if (buffer_.size() < colon + 1 + length + 1) {
        return std::nullopt;
    }
    if (buffer_[colon + 1 + length] != ',') {
        throw std::runtime_error("ctrl_tcp: netstring without trailing comma");
    }
    std::string body = buffer_.substr(colon + 1, length);
    buffer_.erase(0, colon + 1 + length + 1);
    auto parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded() || !parsed.is_object()) {
        throw std::runtime_error("ctrl_tcp: not a JSON object: " + body);
    }
    return parsed;
}

std::optional<nlohmann::json> BaresipCtrl::receive(Clock::time_point deadline) {
    for (;;) {
        if (auto frame = take_frame()) {
            return frame;
        }
        if (fd_ < 0) {
            throw std::runtime_error("ctrl_tcp: not connected");
        }
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) {
            return std::nullopt;
        }
        pollfd waiting{fd_, POLLIN, 0};
        const int ready = poll(&waiting, 1, static_cast<int>(left.count()) + 1);
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready < 0) {
            throw std::runtime_error(std::string{"ctrl_tcp: poll failed: "} + strerror(errno));
        }
        if (ready == 0) {
            continue;  // the deadline check above returns
        }
        char chunk[8192];
        const ssize_t n = recv(fd_, chunk, sizeof chunk, 0);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            close();
            throw std::runtime_error("ctrl_tcp: baresip closed the control connection");
        }
        buffer_.append(chunk, static_cast<std::size_t>(n));
    }
}

}  // namespace markaz::integration
