#pragma once

// One raw TCP connection to a server on the loopback, for requests no ready-made client sends:
// half a message, a byte at a time, or nothing at all, and for seeing when the server closes.

#include <chrono>
#include <cstdint>
#include <string>

namespace markaz::integration {

class TcpClient {
public:
    /// Connects to 127.0.0.1:`port` from `source` (any 127.x address works on Linux).
    explicit TcpClient(std::uint16_t port, const char* source = "127.0.0.1");
    ~TcpClient();
    TcpClient(const TcpClient&) = delete;
    TcpClient& operator=(const TcpClient&) = delete;

    /// False once the server has closed the connection.
    bool send(const std::string& bytes);
    /// What arrives within `wait`; stops early when the server closes (then `closed`).
    std::string read(std::chrono::milliseconds wait, bool& closed);
    std::string read(std::chrono::milliseconds wait) {
        bool closed = false;
        return read(wait, closed);
    }

private:
    int fd_;
};

}  // namespace markaz::integration
