#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "sip/call_control.h"
#include "sip/leg_media.h"
#include "sip/sip_settings.h"

namespace markaz::sip {

/// Something the SIP layer tells the core loop. Posted from the SIP thread; the receiver must
/// not block.
struct SipNotice {
    enum class Kind {
        Registered,
        Unregistered,
        AuthFailed,
        Banned,
        Dtmf,
        CallStarted,
        CallEnded,
        Error,  ///< work the SIP thread could not do (`detail` says what)
        /// A phone asked for what it may not have (a transfer naming another phone's call):
        /// refused, `detail` says what.
        Refused,
        /// A trunk's answer to Markaz's OPTIONS pings changed: `detail` is the trunk's name,
        /// `source` where it was pinged (sip/trunk_probes.h).
        TrunkReachable,
        TrunkUnreachable,
    };
    Kind kind;
    std::string extension;  ///< empty for AuthFailed/Banned of an unknown user
    std::string source;     ///< "udp:127.0.0.1:5062"
    std::string detail;     ///< contact, or why authentication failed
};

/// Counters and gauges of the SIP side, for monitoring (Prometheus /metrics, the console).
struct SipStats {
    std::size_t registered_extensions = 0;  ///< with a live registration now
    std::uint64_t auth_failures = 0;        ///< wrong or unknown credentials, since start
    std::uint64_t bans = 0;                 ///< addresses banned, since start
    std::size_t banned_now = 0;             ///< addresses whose ban is running
    std::uint64_t requests_dropped = 0;     ///< requests from banned addresses, unanswered
    std::size_t calls_active = 0;
    std::uint64_t calls_started = 0;
    /// Routing latency of the call flow's offers: from the event that made the match (a
    /// caller arriving, an agent freed) reaching Markaz to the agent's INVITE leaving, in ms.
    std::size_t offers = 0;
    double routing_ms_p50 = 0;
    double routing_ms_p99 = 0;
    double routing_ms_max = 0;
};

/// Markaz's SIP side on sofia-sip: a registrar with digest authentication (MD5 and SHA-256,
/// checked by Markaz), OPTIONS answered for keep-alives, and bans for addresses that keep
/// failing. sofia-sip's su_root loop runs on the server's own thread; other threads reach it
/// only through sofia-sip's thread-safe messages (start/stop, queries).
class SipServer {
public:
    using NoticeSink = std::function<void(const SipNotice&)>;

    /// Binds UDP and TCP on the configured address and port and starts the SIP thread.
    /// Fails with a clear message when the port is taken. With `media` (the legs' RTP, which
    /// must outlive the server) and `calls`, every new INVITE is handed to the application,
    /// which decides where it goes (call_control.h); without, every dialled number routes
    /// nowhere.
    static Result<std::unique_ptr<SipServer>> start(SipSettings settings, NoticeSink sink,
                                                    LegMedia* media = nullptr,
                                                    CallHandler calls = {});
    ~SipServer();  ///< stops the thread, closes the sockets

    SipServer(const SipServer&) = delete;
    SipServer& operator=(const SipServer&) = delete;

    /// Extensions with a live registration now (asks the SIP thread and waits for it).
    std::vector<std::string> registered_extensions() const;
    /// Addresses banned now.
    std::vector<BanList::Ban> bans() const;
    /// Calls in progress.
    std::size_t active_calls() const;
    /// All the counters at once (asks the SIP thread and waits for it).
    SipStats stats() const;

    // Call control for the application's calls (B2bua has the details). Any thread; each
    // returns at once and acts on the SIP thread in the order given.
    void answer(CallRef call);
    void reject(CallRef call, int status);
    void ring(CallRef call, std::uint64_t leg, std::string extension, std::string caller,
              std::chrono::steady_clock::time_point since);
    void ring_trunk(CallRef call, std::uint64_t leg, std::string trunk, std::string number,
                    std::string caller, std::chrono::steady_clock::time_point since);
    void drop_leg(CallRef call, std::uint64_t leg);
    void connect_leg(CallRef call, std::uint64_t leg);
    void answer_refer(CallRef call, std::uint64_t leg, int status);
    void release_leg(CallRef call, std::uint64_t leg);
    void move_leg(CallRef from, std::uint64_t leg, CallRef to, std::uint64_t as);
    void hang_up(CallRef call);
    void originate(std::uint64_t tag, std::string number, std::string caller_id);

    struct Impl;

private:
    explicit SipServer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace markaz::sip
