#pragma once

// Notifications leave on a thread of their own (docs/alerts.md "E-mail", "Webhooks"): the core
// loop hands over a delivery — a mail, a webhook call — and goes on; the outbox runs it, and
// tries a failed one twice more (after 30 s and 2 min) before giving up. Every delivery and
// failure is logged. Deliveries waiting when the server stops are not kept.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "common/result.h"

namespace markaz::app {

class Outbox {
public:
    using Log = std::function<void(const std::string&)>;
    /// One attempt at a delivery.
    using Attempt = std::function<Result<void>()>;

    explicit Outbox(Log log);
    ~Outbox();  ///< stops at once: what waits is dropped
    Outbox(const Outbox&) = delete;
    Outbox& operator=(const Outbox&) = delete;

    /// Queues `attempt`; `what` names it in the log ("mail to a@b.c").
    void post(std::string what, Attempt attempt);

private:
    struct Delivery {
        std::string what;
        Attempt attempt;
        int attempts = 0;
        std::chrono::steady_clock::time_point due;
    };
    void run();

    Log log_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Delivery> queue_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace markaz::app
