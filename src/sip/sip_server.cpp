#include "sip/sip_server.h"

#include <algorithm>
#include <arpa/inet.h>
#include <chrono>
#include <functional>
#include <future>
#include <mutex>
#include <netinet/in.h>
#include <optional>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include <sofia-sip/msg_addr.h>
#include <sofia-sip/nua.h>
#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/su.h>
#include <sofia-sip/su_log.h>
#include <sofia-sip/su_wait.h>

#include "sip/b2bua.h"
#include "sip/digest.h"

namespace markaz::sip {

namespace {

WallTime wall_now() {
    return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
}
SteadyTime steady_now() {
    return std::chrono::time_point_cast<Duration>(std::chrono::steady_clock::now());
}

/// "udp:127.0.0.1:5062": where the request being handled came from.
std::string source_of(nua_t* nua) {
    msg_t* msg = nua_current_request(nua);
    su_addrinfo_t* ai = msg ? msg_addrinfo(msg) : nullptr;
    if (!ai || !ai->ai_addr) {
        return "unknown";
    }
    auto* addr = reinterpret_cast<su_sockaddr_t*>(ai->ai_addr);
    char host[64] = "";
    su_inet_ntop(addr->su_family, SU_ADDR(addr), host, sizeof host);
    const char* transport = ai->ai_protocol == IPPROTO_TCP ? "tcp" : "udp";
    return std::string(transport) + ":" + host + ":" + std::to_string(ntohs(addr->su_port));
}

/// The address part of a source ("udp:10.0.0.9:5060" -> "10.0.0.9"): bans are per host.
std::string host_of(const std::string& source) {
    auto first = source.find(':');
    auto last = source.rfind(':');
    return first == last ? source : source.substr(first + 1, last - first - 1);
}

std::string url_text(const url_t* url) {
    char buffer[512];
    url_e(buffer, sizeof buffer, url);
    buffer[sizeof buffer - 1] = '\0';
    return buffer;
}

/// How long a contact asks to be bound: its own expires parameter, else the Expires header,
/// else RFC 3261's default of one hour.
Duration requested_expiry(const sip_contact_t* contact, const sip_t* sip) {
    if (contact->m_expires) {
        return std::chrono::seconds{std::strtoul(contact->m_expires, nullptr, 10)};
    }
    if (sip->sip_expires) {
        return std::chrono::seconds{sip->sip_expires->ex_delta};
    }
    return std::chrono::hours{1};
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

}  // namespace

struct SipServer::Impl {
    SipSettings settings;
    NoticeSink sink;
    NonceIssuer nonces;
    LocationService location;
    BanList bans;

    media::MediaEngine* media = nullptr;
    CallHandler calls;
    B2bua::Sounds sounds;
    std::unique_ptr<B2bua> b2bua;

    std::thread thread;
    su_root_t* root = nullptr;
    nua_t* nua = nullptr;
    /// Requests from banned addresses, held unanswered until the client gives up.
    struct Held {
        nua_handle_t* handle;
        SteadyTime until;
    };
    std::vector<Held> held;
    su_timer_t* sweeper = nullptr;
    std::uint64_t auth_failures = 0;
    std::uint64_t bans_total = 0;
    std::uint64_t requests_dropped = 0;

    Impl(SipSettings s, NoticeSink n)
        : settings(std::move(s)),
          sink(std::move(n)),
          location(settings.registrations),
          bans(settings.bans) {}

    void notify(SipNotice::Kind kind, std::string extension, std::string source,
                std::string detail) {
        if (sink) {
            sink(SipNotice{kind, std::move(extension), std::move(source), std::move(detail)});
        }
    }

    // --- the SIP thread ---------------------------------------------------------------------

    static void on_event(nua_event_t event, int status, const char* /*phrase*/, nua_t* nua,
                         nua_magic_t* magic, nua_handle_t* nh, nua_hmagic_t* /*hmagic*/,
                         const sip_t* sip, tagi_t tags[]) {
        auto* self = reinterpret_cast<Impl*>(magic);
        if (self->b2bua && self->b2bua->owns(nh)) {
            self->b2bua->on_event(event, status, nh, sip, tags);
            return;
        }
        switch (event) {
            case nua_i_register:
                self->on_register(nua, nh, sip);
                break;
            case nua_i_invite:
                self->on_invite(nua, nh, sip);
                break;
            case nua_i_options:
                self->on_options(nua, nh);
                break;
            case nua_i_state: {
                int state = nua_callstate_init;
                tl_gets(tags, NUTAG_CALLSTATE_REF(state), TAG_END());
                if (state == nua_callstate_terminated) {
                    nua_handle_destroy(nh);
                }
                break;
            }
            case nua_r_shutdown:
                if (status >= 200) {
                    su_root_break(self->root);
                }
                break;
            default:
                break;
        }
    }

    enum class Auth { Ok, Challenged, Refused };

    /// Checks the request's credentials for `extension`, answering the failures itself:
    /// no credentials or a stale nonce -> 401 with a fresh challenge; wrong credentials, or an
    /// extension that does not exist -> 403, the same answer so scanners learn nothing, and a
    /// failure counted against the source address.
    Auth authenticate(nua_t* nua, nua_handle_t* nh, const sip_t* sip, const std::string& extension,
                      const std::string& source) {
        // The credentials for our realm; others (another proxy's, or unreadable) do not count.
        std::optional<DigestResponse> response;
        for (const sip_authorization_t* c = sip->sip_authorization; c && !response;
             c = c->au_next) {
            auto parsed = digest_response_from_params(c->au_params);
            if (parsed && parsed->realm == settings.realm) {
                response = std::move(*parsed);
            }
        }
        if (!response) {
            challenge(nua, nh, false);
            return Auth::Challenged;
        }
        if (auto fresh = nonces.check(response->nonce, wall_now(), settings.nonce_lifetime);
            !fresh) {
            if (fresh.error().code == Errc::Conflict) {
                challenge(nua, nh, true);
                return Auth::Challenged;
            }
            refuse(nua, nh, extension, source, fresh.error().message);
            return Auth::Refused;
        }
        auto algorithm = kDigestAlgorithmNames.parse(response->algorithm);
        if (!algorithm ||
            std::find(settings.digest_algorithms.begin(), settings.digest_algorithms.end(),
                      *algorithm) == settings.digest_algorithms.end()) {
            // An algorithm we did not offer (a downgrade attempt, or a confused phone).
            refuse(nua, nh, extension, source, "algorithm not offered: " + response->algorithm);
            return Auth::Refused;
        }
        auto known = settings.extensions.find(response->username);
        // An unknown user is checked against a dummy password so that the time taken does not
        // tell it apart from a wrong password either.
        std::string password =
            known != settings.extensions.end() ? known->second.password : std::string(32, '\x7f');
        bool matches = digest_matches(*response, password, sip->sip_request->rq_method_name);
        if (!matches || known == settings.extensions.end() || response->username != extension) {
            refuse(nua, nh, extension, source,
                   known == settings.extensions.end() ? "unknown user" : "wrong credentials");
            return Auth::Refused;
        }
        bans.record_success(host_of(source));
        return Auth::Ok;
    }

    void challenge(nua_t* nua, nua_handle_t* nh, bool stale) {
        // RFC 8760: one challenge per algorithm, in the configured order of preference; a
        // client answers the first one it supports.
        std::string nonce = nonces.issue(wall_now());
        std::vector<std::string> challenges;
        for (DigestAlgorithm algorithm : settings.digest_algorithms) {
            challenges.push_back(digest_challenge(algorithm, settings.realm, nonce, stale));
        }
        std::vector<tagi_t> tags;
        for (const auto& c : challenges) {
            tags.push_back(tagi_t{SIPTAG_WWW_AUTHENTICATE_STR(c.c_str())});
        }
        tags.push_back(tagi_t{TAG_END()});
        nua_respond(nh, SIP_401_UNAUTHORIZED, NUTAG_WITH_THIS(nua), TAG_NEXT(tags.data()));
    }

    void refuse(nua_t* nua, nua_handle_t* nh, const std::string& extension,
                const std::string& source, const std::string& why) {
        nua_respond(nh, SIP_403_FORBIDDEN, NUTAG_WITH_THIS(nua), TAG_END());
        notify(SipNotice::Kind::AuthFailed, extension, source, why);
        ++auth_failures;
        if (bans.record_failure(host_of(source), steady_now())) {
            ++bans_total;
            notify(SipNotice::Kind::Banned, extension, source,
                   "banned for " +
                       std::to_string(
                           std::chrono::duration_cast<std::chrono::seconds>(settings.bans.ban_time)
                               .count()) +
                       " s after repeated authentication failures");
        }
    }

    /// Requests from a banned address get no answer at all. The handle is kept until the
    /// client's transaction has timed out (64 * T1 = 32 s), so no late error goes out either.
    bool dropped_for_ban(nua_handle_t* nh, const std::string& source) {
        if (!bans.is_banned(host_of(source), steady_now())) {
            return false;
        }
        ++requests_dropped;
        held.push_back(Held{nh, steady_now() + std::chrono::seconds{40}});
        if (!sweeper) {
            // Every 5 s for as long as the server runs (su_timer_set_interval would fire once).
            sweeper = su_timer_create(su_root_task(root), 5'000);
            su_timer_run(
                sweeper,
                [](su_root_magic_t*, su_timer_t*, su_timer_arg_t* arg) {
                    reinterpret_cast<Impl*>(arg)->release_held(steady_now());
                },
                reinterpret_cast<su_timer_arg_t*>(this));
        }
        return true;
    }

    /// Destroys the handles of dropped requests whose time is up (all of them at shutdown).
    void release_held(SteadyTime now) {
        std::erase_if(held, [&](const Held& h) {
            if (h.until > now) {
                return false;
            }
            nua_handle_destroy(h.handle);
            return true;
        });
    }

    void on_register(nua_t* nua, nua_handle_t* nh, const sip_t* sip) {
        std::string source = source_of(nua);
        if (dropped_for_ban(nh, source)) {
            return;
        }
        std::string extension =
            sip->sip_to && sip->sip_to->a_url->url_user ? sip->sip_to->a_url->url_user : "";
        if (authenticate(nua, nh, sip, extension, source) != Auth::Ok) {
            nua_handle_destroy(nh);
            return;
        }
        register_contacts(nua, nh, sip, extension, source);
        nua_handle_destroy(nh);
    }

    void register_contacts(nua_t* nua, nua_handle_t* nh, const sip_t* sip,
                           const std::string& extension, const std::string& source) {
        SteadyTime now = steady_now();
        const sip_contact_t* contact = sip->sip_contact;
        if (contact && contact->m_url->url_type == url_any) {
            // "Contact: *" removes every binding, and only with Expires: 0 (RFC 3261 §10.2.2).
            if (!sip->sip_expires || sip->sip_expires->ex_delta != 0 || contact->m_next) {
                nua_respond(nh, SIP_400_BAD_REQUEST, NUTAG_WITH_THIS(nua), TAG_END());
                return;
            }
            location.unbind_all(extension);
            notify(SipNotice::Kind::Unregistered, extension, source, "*");
            nua_respond(nh, SIP_200_OK, NUTAG_WITH_THIS(nua), TAG_END());
            return;
        }
        // Check every contact before binding any, so that a bad one changes nothing.
        for (const sip_contact_t* c = contact; c; c = c->m_next) {
            if (!location.grant(requested_expiry(c, sip))) {
                std::string min = std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                                     location.settings().min_expires)
                                                     .count());
                nua_respond(nh, SIP_423_INTERVAL_TOO_BRIEF, NUTAG_WITH_THIS(nua),
                            SIPTAG_MIN_EXPIRES_STR(min.c_str()), TAG_END());
                return;
            }
        }
        for (const sip_contact_t* c = contact; c; c = c->m_next) {
            Duration expires = *location.grant(requested_expiry(c, sip));
            LocationService::Binding binding{
                url_text(c->m_url), {}, sip->sip_call_id->i_id, sip->sip_cseq->cs_seq, source};
            if (auto bound = location.bind(extension, binding, expires, now); !bound) {
                nua_respond(nh, SIP_500_INTERNAL_SERVER_ERROR, NUTAG_WITH_THIS(nua), TAG_END());
                return;
            }
            notify(expires == Duration::zero() ? SipNotice::Kind::Unregistered
                                               : SipNotice::Kind::Registered,
                   extension, source, binding.contact);
        }
        // A 200 to REGISTER lists every current binding with its remaining time.
        std::string bound;
        for (const auto& b : location.lookup(extension, now)) {
            auto left = std::chrono::duration_cast<std::chrono::seconds>(b.expires - now).count();
            bound += (bound.empty() ? "" : ", ") +
                     ("<" + b.contact + ">;expires=" + std::to_string(left));
        }
        nua_respond(nh, SIP_200_OK, NUTAG_WITH_THIS(nua),
                    TAG_IF(!bound.empty(), SIPTAG_CONTACT_STR(bound.c_str())), TAG_END());
    }

    /// OPTIONS is a heartbeat for phones and load balancers: 200 with what we allow, unless
    /// the sender is banned.
    void on_options(nua_t* nua, nua_handle_t* nh) {
        if (dropped_for_ban(nh, source_of(nua))) {
            return;
        }
        nua_respond(nh, SIP_200_OK, NUTAG_WITH_THIS(nua), TAG_END());
        nua_handle_destroy(nh);
    }

    /// The trunk whose `allow` list has the request's source ("10.0.0.5" or "10.0.0.5:5060").
    const Trunk* trunk_for(const std::string& source) const {
        std::string host = host_of(source);
        std::string host_port = source.substr(source.find(':') + 1);
        for (const Trunk& trunk : settings.trunks) {
            for (const std::string& allowed : trunk.allow) {
                if (allowed == host || allowed == host_port) {
                    return &trunk;
                }
            }
        }
        return nullptr;
    }

    void on_invite(nua_t* nua, nua_handle_t* nh, const sip_t* sip) {
        std::string source = source_of(nua);
        if (dropped_for_ban(nh, source)) {
            return;
        }
        std::string caller =
            sip->sip_from && sip->sip_from->a_url->url_user ? sip->sip_from->a_url->url_user : "";
        // A trunk is trusted by its address; everyone else proves who they are.
        const Trunk* trunk = trunk_for(source);
        if (!trunk && authenticate(nua, nh, sip, caller, source) != Auth::Ok) {
            return;  // answered; the handle goes when nua reports the call terminated
        }
        if (b2bua) {
            b2bua->on_invite(nh, sip, caller, trunk);
            return;
        }
        // Without media nothing can be answered: every number routes nowhere.
        nua_respond(nh, SIP_404_NOT_FOUND, NUTAG_WITH_THIS(nua), TAG_END());
    }

    // --- other threads ----------------------------------------------------------------------

    /// Runs `fn` on the SIP thread later, without waiting.
    void post(std::function<void()> fn) const {
        su_msg_r msg = SU_MSG_R_INIT;
        if (su_msg_create(
                msg, su_root_task(root), su_task_null,
                [](su_root_magic_t*, su_msg_r, su_msg_arg_t* arg) {
                    auto* f = *reinterpret_cast<std::function<void()>**>(arg);
                    (*f)();
                    delete f;
                },
                sizeof(std::function<void()>*)) != 0) {
            return;
        }
        *reinterpret_cast<std::function<void()>**>(su_msg_data(msg)) =
            new std::function<void()>(std::move(fn));
        su_msg_send(msg);
    }

    /// Runs `fn` on the SIP thread and waits for it.
    template <class Fn>
    auto on_sip_thread(Fn fn) const -> decltype(fn()) {
        using R = decltype(fn());
        struct Call {
            Fn fn;
            std::promise<R> done;
        };
        Call call{std::move(fn), {}};
        auto result = call.done.get_future();
        su_msg_r msg = SU_MSG_R_INIT;
        if (su_msg_create(
                msg, su_root_task(root), su_task_null,
                [](su_root_magic_t*, su_msg_r m, su_msg_arg_t* arg) {
                    (void)m;
                    auto* c = *reinterpret_cast<Call**>(arg);
                    c->done.set_value(c->fn());
                },
                sizeof(Call*)) != 0) {
            return R{};
        }
        *reinterpret_cast<Call**>(su_msg_data(msg)) = &call;
        su_msg_send(msg);
        return result.get();
    }
};

Result<std::unique_ptr<SipServer>> SipServer::start(SipSettings settings, NoticeSink sink,
                                                    media::MediaEngine* media, CallHandler calls) {
    static std::once_flag su_ready;
    std::call_once(su_ready, [] {
        su_init();
        su_log_set_level(nullptr, 0);
    });
    if (!can_listen(settings.address, settings.port)) {
        return fail(Errc::Unavailable, "sip: cannot listen on " + settings.address + ":" +
                                           std::to_string(settings.port) +
                                           " (UDP and TCP): address in use or not available");
    }
    // Sounds load here, before anything starts, so a missing file is a start-up error.
    B2bua::Sounds sounds;
    for (auto [path, field] : {std::pair{settings.loop_prompt, &sounds.loop_prompt},
                               std::pair{settings.music_on_hold, &sounds.music_on_hold}}) {
        if (path.empty()) {
            continue;
        }
        auto prompt = media::Prompt::load(path);
        if (!prompt) {
            return fail(prompt.error().code, "sip: " + prompt.error().message);
        }
        *field = std::move(*prompt);
    }
    auto impl = std::make_unique<Impl>(std::move(settings), std::move(sink));
    impl->media = media;
    impl->calls = std::move(calls);
    impl->sounds = std::move(sounds);
    std::promise<std::string> started;  // empty = ok, else the reason it failed
    auto outcome = started.get_future();
    Impl* self = impl.get();
    impl->thread = std::thread([self, &started] {
        su_init();
        self->root = su_root_create(nullptr);
        std::string url =
            "sip:" + self->settings.address + ":" + std::to_string(self->settings.port);
        self->nua =
            self->root
                ? nua_create(self->root, &Impl::on_event, reinterpret_cast<nua_magic_t*>(self),
                             NUTAG_URL(url.c_str()), NUTAG_ALLOW("REGISTER"),
                             NUTAG_ALLOW("INFO"),  // DTMF from phones that send SIP INFO
                             NUTAG_APPL_METHOD("REGISTER"), NUTAG_APPL_METHOD("OPTIONS"),
                             NUTAG_AUTOANSWER(0), NUTAG_AUTOALERT(0), NUTAG_MEDIA_ENABLE(0),
                             SIPTAG_SERVER_STR("Markaz"), TAG_END())
                : nullptr;
        if (!self->nua) {
            started.set_value("sip: cannot listen on " + self->settings.address + ":" +
                              std::to_string(self->settings.port) +
                              " (UDP and TCP): address in use or not available");
            if (self->root) {
                su_root_destroy(self->root);
                self->root = nullptr;
            }
            return;
        }
        if (self->media) {
            self->b2bua = std::make_unique<B2bua>(
                self->nua, *self->media, self->location, self->settings, self->sounds,
                [self](SipNotice::Kind kind, std::string who, std::string detail) {
                    self->notify(kind, std::move(who), "", std::move(detail));
                },
                self->calls);
        }
        started.set_value("");
        su_root_run(self->root);
        self->b2bua.reset();
        nua_destroy(self->nua);
        su_root_destroy(self->root);
    });
    if (std::string failure = outcome.get(); !failure.empty()) {
        impl->thread.join();
        return fail(Errc::Unavailable, failure);
    }
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
        if (impl_->sweeper) {
            su_timer_destroy(impl_->sweeper);
        }
        nua_shutdown(impl_->nua);
        return 0;
    });
    impl_->thread.join();
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

void SipServer::media_event(const media::MediaEvent& event) {
    impl_->post([impl = impl_.get(), event] {
        if (impl->b2bua) {
            impl->b2bua->on_media_event(event);
        }
    });
}

void SipServer::ring(CallRef call, std::uint64_t leg, std::string extension, std::string caller,
                     std::chrono::steady_clock::time_point since) {
    impl_->post([impl = impl_.get(), call, leg, extension = std::move(extension),
                 caller = std::move(caller), since] {
        if (impl->b2bua) {
            impl->b2bua->ring(call, leg, extension, caller, since);
        }
    });
}

void SipServer::drop_leg(CallRef call, std::uint64_t leg) {
    impl_->post([impl = impl_.get(), call, leg] {
        if (impl->b2bua) {
            impl->b2bua->drop_leg(call, leg);
        }
    });
}

void SipServer::connect_leg(CallRef call, std::uint64_t leg, std::optional<std::string> recording) {
    impl_->post([impl = impl_.get(), call, leg, recording = std::move(recording)] {
        if (impl->b2bua) {
            impl->b2bua->connect_leg(call, leg, recording);
        }
    });
}

void SipServer::hang_up(CallRef call) {
    impl_->post([impl = impl_.get(), call] {
        if (impl->b2bua) {
            impl->b2bua->hang_up(call);
        }
    });
}

void SipServer::originate(std::uint64_t tag, std::string number, std::string caller_id) {
    impl_->post(
        [impl = impl_.get(), tag, number = std::move(number), caller_id = std::move(caller_id)] {
            if (impl->b2bua) {
                impl->b2bua->originate(tag, number, caller_id);
            }
        });
}

std::vector<BanList::Ban> SipServer::bans() const {
    return impl_->on_sip_thread([this] { return impl_->bans.bans(steady_now()); });
}

}  // namespace markaz::sip
