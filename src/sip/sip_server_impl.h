#pragma once

// Internal to the SIP server (sip_server.cpp, registrar.cpp): its state on the SIP thread and
// the helpers both files use.

#include <algorithm>
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <sofia-sip/msg_addr.h>
#include <sofia-sip/nua.h>
#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/su.h>
#include <sofia-sip/su_wait.h>

#include "sip/b2bua.h"
#include "sip/ban_list.h"
#include "sip/digest.h"
#include "sip/location_service.h"
#include "sip/sip_clock.h"
#include "sip/sip_server.h"
#include "sip/sofia.h"
#include "sip/sources.h"
#include "sip/trunk_probes.h"

namespace markaz::sip {

/// The server's state. Thread: the SIP thread, but for post() and on_sip_thread(), which
/// other threads use to reach it.
struct SipServer::Impl {
    SipSettings settings;
    NoticeSink sink;
    NonceIssuer nonces;
    NonceUses nonce_uses;
    LocationService location;
    BanList bans;

    LegMedia* media = nullptr;
    CallHandler calls;
    std::unique_ptr<B2bua> b2bua;

    std::thread thread;
    std::unique_ptr<sofia::Root> root;
    std::unique_ptr<sofia::Nua> stack;
    nua_t* nua = nullptr;  ///< the stack's, for the calls that take it
    /// Requests from banned addresses, held unanswered until the client gives up.
    struct Held {
        sofia::Handle handle;  ///< destroyed when released: the request is dropped unanswered
        SteadyTime until;
    };
    std::vector<Held> held;
    static constexpr std::size_t kMaxHeld = 1000;
    /// Every 5 s: held requests released, bans and nonce uses expired (housekeeping()).
    std::unique_ptr<sofia::RepeatingTimer> sweeper;
    std::unique_ptr<TrunkProbes> probes;  ///< OPTIONS pings to the trunks; none when off
    std::unique_ptr<sofia::RepeatingTimer> pinger;
    std::uint64_t auth_failures = 0;
    std::uint64_t bans_total = 0;
    std::uint64_t requests_dropped = 0;

    Impl(SipSettings s, NoticeSink n)
        : settings(std::move(s)),
          sink(std::move(n)),
          nonce_uses(settings.nonce_lifetime),
          location(settings.registrations),
          bans(settings.bans) {}

    void notify(SipNotice::Kind kind, std::string extension, std::string source,
                std::string detail) const {
        if (sink) {
            sink(SipNotice{kind, std::move(extension), std::move(source), std::move(detail)});
        }
    }

    // --- the SIP thread ---------------------------------------------------------------------

    /// nua's events (through sofia::Nua's trampoline, which catches what this throws).
    void dispatch(nua_event_t event, int status, nua_t* nua, nua_handle_t* nh, const sip_t* sip,
                  tagi_t tags[]) {
        Impl* self = this;
        if (self->b2bua && self->b2bua->owns(nh)) {
            self->b2bua->on_event(event, status, nh, sip, tags);
            return;
        }
        if (self->probes && self->probes->owns(nh)) {
            self->probes->on_event(event, status, nh);
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
                    // A request held for a ban (its client cancelled) is the ban list's
                    // handle; any other is done with now.
                    auto it = std::find_if(held.begin(), held.end(),
                                           [nh](const Held& h) { return h.handle.get() == nh; });
                    if (it != held.end()) {
                        held.erase(it);
                    } else {
                        sofia::Handle{nh}.reset();
                    }
                }
                break;
            }
            case nua_r_shutdown:
                if (status >= 200) {
                    self->root->stop();
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
                      const std::string& source);

    /// 401 with a nonce issued to `host`.
    void challenge(nua_t* nua, nua_handle_t* nh, bool stale, const std::string& host);

    void refuse(nua_t* nua, nua_handle_t* nh, const std::string& extension,
                const std::string& source, const std::string& why);

    /// Requests from a banned address get no answer at all. The handle is kept until the
    /// client's transaction has timed out (64 * T1 = 32 s), so no late error goes out either.
    bool dropped_for_ban(nua_handle_t* nh, const std::string& source);

    /// Destroys the handles of dropped requests whose time is up (all of them at shutdown).
    void release_held(SteadyTime now);
    void housekeeping(SteadyTime now);

    void on_register(nua_t* nua, nua_handle_t* nh, const sip_t* sip);

    void register_contacts(nua_t* nua, nua_handle_t* nh, const sip_t* sip,
                           const std::string& extension, const std::string& source);

    /// OPTIONS is a heartbeat for phones and load balancers: 200 with what we allow, unless
    /// the sender is banned.
    void on_options(nua_t* nua, nua_handle_t* nh);

    /// True when some trunk allows `host` (alone or with a port).
    bool trunk_host(const std::string& host) const {
        for (const Trunk& trunk : settings.trunks) {
            for (const std::string& allowed : trunk.allow) {
                if (allowed == host || allowed.starts_with(host + ":")) {
                    return true;
                }
            }
        }
        return false;
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
        // A trunk is trusted by its address (and never banned); everyone else proves who
        // they are.
        const Trunk* trunk = trunk_for(source);
        if (!trunk && dropped_for_ban(nh, source)) {
            return;
        }
        std::string caller =
            sip->sip_from && sip->sip_from->a_url->url_user ? sip->sip_from->a_url->url_user : "";
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

    /// Runs `fn` on the B2BUA, on the SIP thread (nothing when calls are not handled).
    template <class Fn>
    void with_b2bua(Fn fn) const {
        post([this, fn = std::move(fn)] {
            if (b2bua) {
                fn(*b2bua);
            }
        });
    }

    /// Runs `fn` on the SIP thread later, without waiting.
    void post(std::function<void()> fn) const {
        root->post(std::move(fn), [this](const std::string& what) {
            notify(SipNotice::Kind::Error, "", "", what);
        });
    }

    /// Runs `fn` on the SIP thread and waits for it.
    template <class Fn>
    auto on_sip_thread(Fn fn) const -> decltype(fn()) {
        return root->run_and_wait(std::move(fn));
    }
};

}  // namespace markaz::sip
