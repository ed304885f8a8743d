// The registrar side of the SIP server: digest authentication of REGISTER and INVITE (RFC
// 3261 §22, RFC 8760), bans after repeated failures, bindings in the location service, and
// OPTIONS keep-alives.

#include <algorithm>

#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_status.h>

#include "sip/sip_server_impl.h"

namespace markaz::sip {

namespace {

/// True when the digest's `uri` names the same resource as the Request-URI (RFC 3261 §22.4
/// asks for the same URI; sofia compares scheme, user, host and port, as phones differ in
/// how they spell parameters).
bool same_uri(const std::string& digest_uri, const url_t* request) {
    su_home_t home[1] = {SU_HOME_INIT(home)};
    url_t* given = url_make(home, digest_uri.c_str());
    bool same = given && request && url_cmp(given, request) == 0;
    su_home_deinit(home);
    return same;
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

}  // namespace

SipServer::Impl::Auth SipServer::Impl::authenticate(nua_t* nua, nua_handle_t* nh, const sip_t* sip,
                                                    const std::string& extension,
                                                    const std::string& source) {
    // The credentials for our realm; others (another proxy's, or unreadable) do not count.
    std::optional<DigestResponse> response;
    for (const sip_authorization_t* c = sip->sip_authorization; c && !response; c = c->au_next) {
        auto parsed = digest_response_from_params(c->au_params);
        if (parsed && parsed->realm == settings.realm) {
            response = std::move(*parsed);
        }
    }
    if (!response) {
        challenge(nua, nh, false, host_of(source));
        return Auth::Challenged;
    }
    const std::string host = host_of(source);
    if (auto fresh = nonces.check(response->nonce, wall_now(), settings.nonce_lifetime, host);
        !fresh) {
        // Stale, forged, or issued to another address (a spoofed source cannot have had our
        // challenge): a fresh challenge, and nothing counted against the source.
        challenge(nua, nh, fresh.error().code == Errc::Conflict, host);
        return Auth::Challenged;
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
    // The response is good for this request only: its digest uri is the Request-URI (a
    // REGISTER's answer does not authorise an INVITE elsewhere), and its nonce and count
    // have not been used before (a captured header sent again is a replay).
    if (!same_uri(response->uri, sip->sip_request->rq_url)) {
        refuse(nua, nh, extension, source, "digest uri is not the Request-URI");
        return Auth::Refused;
    }
    if (auto once = nonce_uses.use(*response, steady_now()); !once) {
        notify(SipNotice::Kind::AuthFailed, extension, source, once.error().message);
        challenge(nua, nh, true, host);
        return Auth::Challenged;
    }
    bans.record_success(host_of(source));
    return Auth::Ok;
}

void SipServer::Impl::challenge(nua_t* nua, nua_handle_t* nh, bool stale, const std::string& host) {
    // RFC 8760: one challenge per algorithm, in the configured order of preference; a
    // client answers the first one it supports.
    std::string nonce = nonces.issue(wall_now(), host);
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

void SipServer::Impl::refuse(nua_t* nua, nua_handle_t* nh, const std::string& extension,
                             const std::string& source, const std::string& why) {
    nua_respond(nh, SIP_403_FORBIDDEN, NUTAG_WITH_THIS(nua), TAG_END());
    notify(SipNotice::Kind::AuthFailed, extension, source, why);
    ++auth_failures;
    // A trunk's address is never banned: failures sent from it (or spoofed as it) must not
    // cut the centre off from its carrier.
    if (!trunk_host(host_of(source)) && bans.record_failure(host_of(source), steady_now())) {
        ++bans_total;
        notify(SipNotice::Kind::Banned, extension, source,
               "banned for " +
                   std::to_string(
                       std::chrono::duration_cast<std::chrono::seconds>(settings.bans.ban_time)
                           .count()) +
                   " s after repeated authentication failures");
    }
}

bool SipServer::Impl::dropped_for_ban(nua_handle_t* nh, const std::string& source) {
    if (!bans.is_banned(host_of(source), steady_now())) {
        return false;
    }
    ++requests_dropped;
    if (held.size() >= kMaxHeld) {
        // A flood from banned addresses: the oldest held request goes now, unanswered
        // still, so memory stays bounded.
        held.erase(held.begin());
    }
    held.push_back(Held{sofia::Handle{nh}, steady_now() + std::chrono::seconds{40}});
    return true;
}

void SipServer::Impl::housekeeping(SteadyTime now) {
    release_held(now);
    bans.expire(now);
    nonce_uses.expire(now);
}

void SipServer::Impl::release_held(SteadyTime now) {
    std::erase_if(held, [&](const Held& h) { return h.until <= now; });
}

void SipServer::Impl::on_register(nua_t* nua, nua_handle_t* nh, const sip_t* sip) {
    std::string source = source_of(nua);
    if (dropped_for_ban(nh, source)) {
        return;  // held, unanswered
    }
    sofia::Handle request{nh};  // answered before this returns, then done with
    std::string extension =
        sip->sip_to && sip->sip_to->a_url->url_user ? sip->sip_to->a_url->url_user : "";
    if (authenticate(nua, nh, sip, extension, source) != Auth::Ok) {
        return;
    }
    register_contacts(nua, nh, sip, extension, source);
}

void SipServer::Impl::register_contacts(nua_t* nua, nua_handle_t* nh, const sip_t* sip,
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
            std::string min = std::to_string(
                std::chrono::duration_cast<std::chrono::seconds>(location.settings().min_expires)
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
        bound +=
            (bound.empty() ? "" : ", ") + ("<" + b.contact + ">;expires=" + std::to_string(left));
    }
    nua_respond(nh, SIP_200_OK, NUTAG_WITH_THIS(nua),
                TAG_IF(!bound.empty(), SIPTAG_CONTACT_STR(bound.c_str())), TAG_END());
}

void SipServer::Impl::on_options(nua_t* nua, nua_handle_t* nh) {
    if (dropped_for_ban(nh, source_of(nua))) {
        return;
    }
    sofia::Handle request{nh};  // answered, then done with
    nua_respond(nh, SIP_200_OK, NUTAG_WITH_THIS(nua), TAG_END());
}

}  // namespace markaz::sip
