#include "sip/sip_server.h"

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <functional>
#include <future>
#include <mutex>
#include <netinet/in.h>
#include <optional>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include <sofia-sip/msg_addr.h>
#include <sofia-sip/nta_tag.h>
#include <sofia-sip/nua.h>
#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/su.h>
#include <sofia-sip/su_log.h>
#include <sofia-sip/su_wait.h>
#include <sofia-sip/tport_tag.h>

#include "sip/b2bua.h"
#include "sip/digest.h"
#include "sip/sip_server_impl.h"

namespace markaz::sip {
namespace {

/// sofia-sip's transport timeouts: unsigned milliseconds.
unsigned milliseconds_of(Duration d) {
    return static_cast<unsigned>(std::chrono::duration_cast<std::chrono::milliseconds>(d).count());
}

/// True when UDP and TCP `address:port` can both be bound now. Checked before nua_create,
/// whose own failure path leaks inside sofia-sip.
bool can_listen(const std::string& address, int port) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    if (inet_pton(AF_INET, address.c_str(), &addr.sin_addr) != 1) {
        return true;  // not IPv4 text (a host name, IPv6): let sofia-sip decide
    }
    bool ok = true;
    for (int type : {SOCK_DGRAM, SOCK_STREAM}) {
        int s = socket(AF_INET, type, 0);
        int one = 1;
        setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);  // as sofia-sip does for TCP
        ok = ok && bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
        close(s);
    }
    return ok;
}

/// The server sofia-sip's own log goes to: the one started last (a process runs one; tests
/// run several in turn).
std::atomic<SipServer::Impl*> sofia_log_owner{nullptr};

/// sofia-sip's log lines (its critical errors: level 1), into Markaz's log as SIP notices
/// instead of sofia's own stderr. Runs on the thread that logs: the SIP thread.
void sofia_logger(void* /*stream*/, const char* format, va_list args) noexcept {
    std::array<char, 512> line{};
    int n = std::vsnprintf(line.data(), line.size(), format, args);
    SipServer::Impl* owner = sofia_log_owner.load();
    if (n <= 0 || !owner) {
        return;
    }
    std::string text(line.data(), std::min(line.size() - 1, static_cast<std::size_t>(n)));
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
        text.pop_back();
    }
    try {
        owner->notify(SipNotice::Kind::Error, "", "", "sofia: " + text);
    } catch (...) {
    }
}

}  // namespace

Result<std::unique_ptr<SipServer>> SipServer::start(SipSettings settings, NoticeSink sink,
                                                    LegMedia* media, CallHandler calls) {
    static std::once_flag su_ready;
    std::call_once(su_ready, [] {
        su_init();
        su_log_redirect(nullptr, sofia_logger, nullptr);
        su_log_set_level(nullptr, 1);
    });
    if (!can_listen(settings.address, settings.port)) {
        return fail(Errc::Unavailable, "sip: cannot listen on " + settings.address + ":" +
                                           std::to_string(settings.port) +
                                           " (UDP and TCP): address in use or not available");
    }
    auto impl = std::make_unique<Impl>(std::move(settings), std::move(sink));
    impl->media = media;
    impl->calls = std::move(calls);
    std::promise<std::string> started;  // empty = ok, else the reason it failed
    auto outcome = started.get_future();
    Impl* self = impl.get();
    impl->thread = std::thread([self, &started] {
        su_init();
        self->root = sofia::Root::create();
        std::string url =
            "sip:" + self->settings.address + ":" + std::to_string(self->settings.port);
        self->stack = self->root
                          ? sofia::Nua::create(
                                *self->root,
                                [self](nua_event_t event, int status, nua_t* nua, nua_handle_t* nh,
                                       const sip_t* sip, tagi_t tags[]) {
                                    self->dispatch(event, status, nua, nh, sip, tags);
                                },
                                [self](const std::string& what) {
                                    self->notify(SipNotice::Kind::Error, "", "", what);
                                },
                                NUTAG_URL(url.c_str()), NUTAG_ALLOW("REGISTER"),
                                NUTAG_ALLOW("INFO"),  // DTMF from phones that send SIP INFO
                                NUTAG_APPL_METHOD("REGISTER"), NUTAG_APPL_METHOD("OPTIONS"),
                                NUTAG_AUTOANSWER(0), NUTAG_AUTOALERT(0), NUTAG_MEDIA_ENABLE(0),
                                SIPTAG_SERVER_STR("Markaz"), NTATAG_MAXSIZE(kMaxSipMessageBytes),
                                TPTAG_TIMEOUT(milliseconds_of(self->settings.tcp_message_timeout)),
                                TPTAG_IDLE(milliseconds_of(self->settings.tcp_idle)))
                          : nullptr;
        if (!self->stack) {
            started.set_value("sip: cannot listen on " + self->settings.address + ":" +
                              std::to_string(self->settings.port) +
                              " (UDP and TCP): address in use or not available");
            self->root.reset();
            return;
        }
        self->nua = self->stack->get();
        self->sweeper = std::make_unique<sofia::RepeatingTimer>(
            *self->root, std::chrono::seconds{5}, [self] { self->housekeeping(steady_now()); });
        if (self->media) {
            self->b2bua = std::make_unique<B2bua>(
                self->nua, *self->media, self->location, self->settings,
                [self](SipNotice::Kind kind, std::string who, std::string detail) {
                    self->notify(kind, std::move(who), "", std::move(detail));
                },
                self->calls);
        }
        const auto& ping = self->settings.trunk_ping;
        if (ping.interval > Duration{}) {
            self->probes = std::make_unique<TrunkProbes>(
                self->nua, self->settings.trunks, ping.failures,
                [self](SipNotice::Kind kind, std::string trunk, std::string target) {
                    self->notify(kind, "", std::move(target), std::move(trunk));
                });
            if (self->probes->empty()) {
                self->probes.reset();
            } else {
                self->pinger = std::make_unique<sofia::RepeatingTimer>(
                    *self->root, ping.interval, [self] { self->probes->ping(); });
                self->probes->ping();  // the first at start: the state is known at once
            }
        }
        started.set_value("");
        self->root->run();
        self->pinger.reset();
        self->probes.reset();
        self->b2bua.reset();
        self->sweeper.reset();
        self->stack.reset();
        self->root.reset();
    });
    if (std::string failure = outcome.get(); !failure.empty()) {
        impl->thread.join();
        return fail(Errc::Unavailable, failure);
    }
    sofia_log_owner = impl.get();
    return std::unique_ptr<SipServer>(new SipServer(std::move(impl)));
}

SipServer::SipServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SipServer::~SipServer() {
    // nua shuts down asynchronously; nua_r_shutdown breaks the loop when it is done.
    impl_->on_sip_thread([this] {
        impl_->release_held(SteadyTime::max());
        if (impl_->b2bua) {
            impl_->b2bua->hang_up_all();
        }
        impl_->sweeper.reset();
        impl_->pinger.reset();
        impl_->probes.reset();
        impl_->stack->shutdown();
        return 0;
    });
    impl_->thread.join();
    Impl* self = impl_.get();
    sofia_log_owner.compare_exchange_strong(self, nullptr);
}

std::vector<std::string> SipServer::registered_extensions() const {
    return impl_->on_sip_thread([this] { return impl_->location.registered(steady_now()); });
}

std::size_t SipServer::active_calls() const {
    return impl_->on_sip_thread(
        [this] { return impl_->b2bua ? impl_->b2bua->active_calls() : std::size_t{0}; });
}

SipStats SipServer::stats() const {
    return impl_->on_sip_thread([this] {
        SteadyTime now = steady_now();
        const Impl& i = *impl_;
        SipStats stats{i.location.registered(now).size(),
                       i.auth_failures,
                       i.bans_total,
                       i.bans.bans(now).size(),
                       i.requests_dropped,
                       i.b2bua ? i.b2bua->active_calls() : std::size_t{0},
                       i.b2bua ? i.b2bua->calls_started() : std::uint64_t{0}};
        if (i.b2bua && !i.b2bua->routing_ms().empty()) {
            std::vector<double> ms = i.b2bua->routing_ms();
            std::sort(ms.begin(), ms.end());
            auto at = [&ms](double q) {
                return ms[std::min(ms.size() - 1,
                                   static_cast<std::size_t>(q * static_cast<double>(ms.size())))];
            };
            stats.offers = ms.size();
            stats.routing_ms_p50 = at(0.50);
            stats.routing_ms_p99 = at(0.99);
            stats.routing_ms_max = ms.back();
        }
        return stats;
    });
}

void SipServer::answer(CallRef call) {
    impl_->with_b2bua([call](B2bua& b2bua) { b2bua.answer(call); });
}

void SipServer::reject(CallRef call, int status) {
    impl_->with_b2bua([call, status](B2bua& b2bua) { b2bua.reject(call, status); });
}

void SipServer::ring(CallRef call, std::uint64_t leg, std::string extension, std::string caller,
                     std::chrono::steady_clock::time_point since) {
    impl_->with_b2bua([=, extension = std::move(extension), caller = std::move(caller)](
                          B2bua& b2bua) { b2bua.ring(call, leg, extension, caller, since); });
}

void SipServer::ring_trunk(CallRef call, std::uint64_t leg, std::string trunk, std::string number,
                           std::string caller, std::chrono::steady_clock::time_point since) {
    impl_->with_b2bua([=, trunk = std::move(trunk), number = std::move(number),
                       caller = std::move(caller)](B2bua& b2bua) {
        b2bua.ring_trunk(call, leg, trunk, number, caller, since);
    });
}

void SipServer::drop_leg(CallRef call, std::uint64_t leg) {
    impl_->with_b2bua([call, leg](B2bua& b2bua) { b2bua.drop_leg(call, leg); });
}

void SipServer::connect_leg(CallRef call, std::uint64_t leg) {
    impl_->with_b2bua([call, leg](B2bua& b2bua) { b2bua.connect_leg(call, leg); });
}

void SipServer::release_leg(CallRef call, std::uint64_t leg) {
    impl_->with_b2bua([call, leg](B2bua& b2bua) { b2bua.release_leg(call, leg); });
}

void SipServer::move_leg(CallRef from, std::uint64_t leg, CallRef to, std::uint64_t as) {
    impl_->with_b2bua([from, leg, to, as](B2bua& b2bua) { b2bua.move_leg(from, leg, to, as); });
}

void SipServer::answer_refer(CallRef call, std::uint64_t leg, int status) {
    impl_->with_b2bua([call, leg, status](B2bua& b2bua) { b2bua.answer_refer(call, leg, status); });
}

void SipServer::hang_up(CallRef call) {
    impl_->with_b2bua([call](B2bua& b2bua) { b2bua.hang_up(call); });
}

void SipServer::originate(std::uint64_t tag, std::string number, std::string caller_id) {
    impl_->with_b2bua([tag, number = std::move(number), caller_id = std::move(caller_id)](
                          B2bua& b2bua) { b2bua.originate(tag, number, caller_id); });
}

std::vector<BanList::Ban> SipServer::bans() const {
    return impl_->on_sip_thread([this] { return impl_->bans.bans(steady_now()); });
}

}  // namespace markaz::sip
