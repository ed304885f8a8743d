#include "support/nua_phone.h"

#include <arpa/inet.h>
#include <condition_variable>
#include <ctime>
#include <future>
#include <map>
#include <mutex>
#include <netinet/in.h>
#include <optional>
#include <stdexcept>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include <sofia-sip/nua.h>
#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/su.h>

#include "sdp/sdp_negotiation.h"
#include "sdp/sdp_session.h"
#include "sip/sofia.h"
#include "support/ports.h"

namespace markaz::integration {

namespace {

/// A UDP socket bound on 127.0.0.1 for the phone's RTP: Markaz's audio to it is dropped
/// unread, but never answered with "port unreachable".
struct RtpPort {
    RtpPort() {
        fd = ::socket(AF_INET, SOCK_DGRAM, 0);
        sockaddr_in at = loopback(0);
        socklen_t size = sizeof(at);
        if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&at), sizeof(at)) != 0 ||
            ::getsockname(fd, reinterpret_cast<sockaddr*>(&at), &size) != 0) {
            throw std::runtime_error("nua phone: cannot bind an RTP port");
        }
        port = ntohs(at.sin_port);
    }
    ~RtpPort() { ::close(fd); }
    int fd = -1;
    std::uint16_t port = 0;
};

std::string body_of(const sip_t* sip) {
    return sip && sip->sip_payload
               ? std::string(sip->sip_payload->pl_data, sip->sip_payload->pl_len)
               : std::string{};
}

/// The realm of a 401/407's challenge, quoted as nua_authenticate() wants it.
std::string realm_of(const sip_t* sip) {
    const msg_auth_t* challenge =
        sip->sip_www_authenticate ? sip->sip_www_authenticate : sip->sip_proxy_authenticate;
    for (const char* const* p = challenge ? challenge->au_params : nullptr; p && *p; ++p) {
        std::string_view param{*p};
        if (param.starts_with("realm=")) {
            return std::string(param.substr(6));
        }
    }
    return "\"\"";
}

}  // namespace

struct NuaPhone::Impl {
    struct Call {
        sip::sofia::Handle handle;
        bool established = false;
        bool ended = false;
        bool challenged = false;
        int transfer_outcome = 0;
    };

    std::string user;
    std::string password;
    std::string registrar;  ///< host:port
    RtpPort rtp;
    std::thread thread;
    std::unique_ptr<sip::sofia::Root> root;
    std::unique_ptr<sip::sofia::Nua> nua;
    sip::sofia::Handle registration;
    bool register_challenged = false;

    mutable std::mutex mutex;
    std::condition_variable changed;
    bool registered = false;
    int register_failure = 0;
    std::map<int, Call> calls;
    std::map<nua_handle_t*, int> by_handle;
    std::vector<int> answered;  ///< incoming calls answered, not yet waited for
    int next_call = 1;

    std::string name() const { return "nua phone " + user; }
    std::string aor(const std::string& number) const {
        return "<sip:" + number + "@" + registrar + ">";
    }
    sdp::LocalMedia local_media() const {
        sdp::LocalMedia local;
        local.address = "127.0.0.1";
        local.port = rtp.port;
        local.session_id = static_cast<std::uint64_t>(std::time(nullptr));
        local.session_version = 1;
        local.codecs = {sdp::CodecKind::Pcmu};
        return local;
    }
    std::string auth() const { return "Digest:" + realm_; }

    /// Waits until `ready` holds (under the lock), or throws naming `what`.
    template <class Ready>
    void wait(std::chrono::milliseconds timeout, const std::string& what, Ready ready) {
        std::unique_lock lock{mutex};
        if (!changed.wait_for(lock, timeout, [&] { return ready(); })) {
            throw std::runtime_error(name() + ": no " + what + " within " +
                                     std::to_string(timeout.count()) + " ms");
        }
    }

    void start() {
        std::promise<bool> started;
        auto outcome = started.get_future();
        const std::uint16_t port = free_sip_port();
        thread = std::thread([this, port, &started] {
            su_init();
            root = sip::sofia::Root::create();
            const std::string url = "sip:127.0.0.1:" + std::to_string(port);
            nua = root ? sip::sofia::Nua::create(
                             *root,
                             [this](nua_event_t event, int status, nua_t*, nua_handle_t* nh,
                                    const sip_t* sip,
                                    tagi_t tags[]) { on_event(event, status, nh, sip, tags); },
                             {}, NUTAG_URL(url.c_str()), NUTAG_AUTOANSWER(0), NUTAG_AUTOALERT(0),
                             NUTAG_MEDIA_ENABLE(0), NUTAG_KEEPALIVE(0),
                             NUTAG_OUTBOUND("no-validate no-natify no-options-keepalive"),
                             SIPTAG_USER_AGENT_STR("markaz-nua-phone"))
                       : nullptr;
            started.set_value(nua != nullptr);
            if (!nua) {
                root.reset();
                return;
            }
            root->run();
            std::lock_guard lock{mutex};
            calls.clear();  // their handles, before the stack
            registration.reset();
            nua.reset();
            root.reset();
        });
        if (!outcome.get()) {
            thread.join();
            throw std::runtime_error(name() + ": cannot listen for SIP");
        }
        root->post([this] {
            nua_handle_t* nh = nua_handle(nua->get(), nullptr, SIPTAG_TO_STR(aor(user).c_str()),
                                          SIPTAG_FROM_STR(aor(user).c_str()), TAG_END());
            registration = sip::sofia::Handle{nh};
            const std::string at = "sip:" + registrar;
            nua_register(nh, NUTAG_REGISTRAR(at.c_str()), NUTAG_M_USERNAME(user.c_str()),
                         SIPTAG_EXPIRES_STR("600"), TAG_END());
        });
    }

    void stop() {
        root->post([this] { nua->shutdown(); });
        thread.join();
    }

    void on_event(nua_event_t event, int status, nua_handle_t* nh, const sip_t* sip,
                  tagi_t tags[]) {
        std::lock_guard lock{mutex};
        if (event == nua_r_shutdown) {
            if (status >= 200) {
                root->stop();
            }
            return;
        }
        if (event == nua_r_register) {
            on_registered(nh, status, sip);
        } else if (event == nua_i_invite && !by_handle.contains(nh)) {
            answer(nh, sip);
        } else if (event == nua_r_invite && (status == 401 || status == 407) && sip) {
            auto it = by_handle.find(nh);
            if (it != by_handle.end() && !calls[it->second].challenged) {
                calls[it->second].challenged = true;
                realm_ = realm_of(sip);
                const std::string credentials = auth() + ":" + user + ":" + password;
                nua_authenticate(nh, NUTAG_AUTH(credentials.c_str()), TAG_END());
            }
        } else if (event == nua_i_notify) {
            on_notify(nh, sip);
        } else if (event == nua_i_state) {
            int state = nua_callstate_init;
            tl_gets(tags, NUTAG_CALLSTATE_REF(state), TAG_END());
            if (auto it = by_handle.find(nh); it != by_handle.end()) {
                Call& call = calls[it->second];
                call.established = call.established || state == nua_callstate_ready;
                call.ended = call.ended || state == nua_callstate_terminated;
            }
        }
        changed.notify_all();
    }

    void on_registered(nua_handle_t* nh, int status, const sip_t* sip) {
        if ((status == 401 || status == 407) && sip && !register_challenged) {
            register_challenged = true;
            realm_ = realm_of(sip);
            const std::string credentials = auth() + ":" + user + ":" + password;
            nua_authenticate(nh, NUTAG_AUTH(credentials.c_str()), TAG_END());
            return;
        }
        if (status >= 200 && status < 300) {
            registered = true;
        } else if (status >= 300) {
            register_failure = status;
        }
    }

    void answer(nua_handle_t* nh, const sip_t* sip) {
        const int id = next_call++;
        calls[id].handle = sip::sofia::Handle{nh};
        by_handle[nh] = id;
        auto offer = sdp::parse_sdp(body_of(sip));
        auto answered_sdp =
            offer ? std::optional(sdp::answer_offer(*offer, local_media())) : std::nullopt;
        if (!answered_sdp || !*answered_sdp) {
            nua_respond(nh, SIP_488_NOT_ACCEPTABLE, NUTAG_WITH_CURRENT(nua->get()), TAG_END());
            return;
        }
        const std::string body = sdp::format_sdp((*answered_sdp)->session);
        nua_respond(nh, SIP_200_OK, NUTAG_WITH_CURRENT(nua->get()),
                    SIPTAG_CONTENT_TYPE_STR("application/sdp"), SIPTAG_PAYLOAD_STR(body.c_str()),
                    TAG_END());
        answered.push_back(id);
    }

    void on_notify(nua_handle_t* nh, const sip_t* sip) {
        auto it = by_handle.find(nh);
        const std::string frag = body_of(sip);  // "SIP/2.0 200 OK"
        if (it == by_handle.end() || !frag.starts_with("SIP/2.0 ") || frag.size() < 11) {
            return;
        }
        const int status = std::stoi(frag.substr(8, 3));
        if (status >= 200) {
            calls[it->second].transfer_outcome = status;
        }
    }

    /// Runs `fn` on the phone's SIP thread and waits for it.
    template <class Fn>
    auto on_sip_thread(Fn fn) {
        return root->run_and_wait(std::move(fn));
    }

    std::string realm_ = "\"\"";
};

NuaPhone::NuaPhone(std::string user, std::string password, std::string registrar)
    : impl_(std::make_unique<Impl>()) {
    impl_->user = std::move(user);
    impl_->password = std::move(password);
    impl_->registrar = std::move(registrar);
    impl_->start();
}

NuaPhone::~NuaPhone() {
    impl_->stop();
}

void NuaPhone::wait_until_registered(std::chrono::milliseconds timeout) {
    impl_->wait(timeout, "registration", [&] {
        if (impl_->register_failure != 0) {
            throw std::runtime_error(impl_->name() + ": registration failed with " +
                                     std::to_string(impl_->register_failure));
        }
        return impl_->registered;
    });
}

int NuaPhone::wait_for_answered_call(std::chrono::milliseconds timeout) {
    int id = 0;
    impl_->wait(timeout, "call put through", [&] {
        for (auto it = impl_->answered.begin(); it != impl_->answered.end(); ++it) {
            if (impl_->calls[*it].established) {
                id = *it;
                impl_->answered.erase(it);
                return true;
            }
        }
        return false;
    });
    return id;
}

int NuaPhone::call(const std::string& number) {
    return impl_->on_sip_thread([this, number] {
        std::lock_guard lock{impl_->mutex};
        const int id = impl_->next_call++;
        nua_handle_t* nh = nua_handle(impl_->nua->get(), nullptr,
                                      SIPTAG_TO_STR(impl_->aor(number).c_str()), TAG_END());
        impl_->calls[id].handle = sip::sofia::Handle{nh};
        impl_->by_handle[nh] = id;
        const std::string body = sdp::format_sdp(sdp::make_offer(impl_->local_media()));
        const std::string url = "sip:" + number + "@" + impl_->registrar;
        nua_invite(nh, NUTAG_URL(url.c_str()), SIPTAG_FROM_STR(impl_->aor(impl_->user).c_str()),
                   SIPTAG_CONTENT_TYPE_STR("application/sdp"), SIPTAG_PAYLOAD_STR(body.c_str()),
                   TAG_END());
        return id;
    });
}

void NuaPhone::wait_until_established(int call, std::chrono::milliseconds timeout) {
    impl_->wait(timeout, "answer of call " + std::to_string(call),
                [&] { return impl_->calls[call].established; });
}

void NuaPhone::hold(int call) {
    impl_->on_sip_thread([this, call] {
        std::lock_guard lock{impl_->mutex};
        sdp::LocalMedia local = impl_->local_media();
        local.session_version = 2;
        const std::string body =
            sdp::format_sdp(sdp::make_offer(local, sdp::MediaDirection::SendOnly));
        nua_invite(impl_->calls[call].handle.get(), SIPTAG_CONTENT_TYPE_STR("application/sdp"),
                   SIPTAG_PAYLOAD_STR(body.c_str()), TAG_END());
        return 0;
    });
}

void NuaPhone::transfer(int call, const std::string& target, int other) {
    transfer_with(call, target, replaces_header(other));
}

std::string NuaPhone::replaces_header(int call) {
    return impl_->on_sip_thread([this, call] {
        std::lock_guard lock{impl_->mutex};
        su_home_t home[1] = {SU_HOME_INIT(home)};
        sip_replaces_t* replaces =
            nua_handle_make_replaces(impl_->calls[call].handle.get(), home, 0);
        const char* query =
            replaces ? sip_headers_as_url_query(home, SIPTAG_REPLACES(replaces), TAG_END())
                     : nullptr;
        std::string headers = query ? query : "";
        su_home_deinit(home);
        return headers;
    });
}

void NuaPhone::transfer_with(int call, const std::string& target, const std::string& headers) {
    impl_->on_sip_thread([this, call, target, headers] {
        std::lock_guard lock{impl_->mutex};
        const std::string refer_to = "<sip:" + target + "@" + impl_->registrar +
                                     (headers.empty() ? "" : "?" + headers) + ">";
        nua_refer(impl_->calls[call].handle.get(), SIPTAG_REFER_TO_STR(refer_to.c_str()),
                  TAG_END());
        return 0;
    });
}

int NuaPhone::wait_for_transfer_outcome(int call, std::chrono::milliseconds timeout) {
    impl_->wait(timeout, "final NOTIFY of the transfer in call " + std::to_string(call),
                [&] { return impl_->calls[call].transfer_outcome != 0; });
    std::lock_guard lock{impl_->mutex};
    return impl_->calls[call].transfer_outcome;
}

void NuaPhone::wait_until_ended(int call, std::chrono::milliseconds timeout) {
    impl_->wait(timeout, "end of call " + std::to_string(call),
                [&] { return impl_->calls[call].ended; });
}

bool NuaPhone::ended(int call) const {
    std::lock_guard lock{impl_->mutex};
    auto it = impl_->calls.find(call);
    return it != impl_->calls.end() && it->second.ended;
}

}  // namespace markaz::integration
