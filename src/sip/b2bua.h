#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <sofia-sip/nua.h>

#include "media/media_engine.h"
#include "media/sdp_negotiation.h"
#include "sip/location_service.h"
#include "sip/sip_server.h"
#include "sip/sip_settings.h"

namespace markaz::sip {

/// The back-to-back user agent: every call is an inbound leg plus zero or more outbound legs,
/// each its own dialog, with the media anchored in the media engine (a channel per leg).
/// Routes today: the echo test number, and registered extensions (every contact rings; the
/// first to answer is bridged and recorded, the others get CANCEL). Ringing (180/183) passes
/// back to the caller, busy and decline pass back as 486 and 603, CANCEL and BYE either way
/// end the other leg, a re-INVITE (hold/unhold) is answered with the mirrored direction.
/// Thread: the SIP thread only (nua callbacks).
class B2bua {
public:
    /// What the B2BUA reports: a call started or ended, a digit pressed (`who` is the
    /// party: the caller's or callee's extension).
    using Report = std::function<void(SipNotice::Kind kind, std::string who, std::string detail)>;

    /// Sounds the B2BUA plays, loaded at start-up (nullptr: not configured).
    struct Sounds {
        std::shared_ptr<const media::Prompt> loop_prompt;
        std::shared_ptr<const media::Prompt> music_on_hold;
    };

    B2bua(nua_t* nua, media::MediaEngine& media, const LocationService& location,
          const SipSettings& settings, Sounds sounds, Report report);
    ~B2bua();

    /// A new INVITE from `caller`, authenticated as an extension or trusted as coming from
    /// `trunk` (whose number mapping then applies). Answers it (or routes it on) itself.
    void on_invite(nua_handle_t* nh, const sip_t* sip, const std::string& caller,
                   const Trunk* trunk = nullptr);
    /// True when `nh` is one of the calls' legs; then on_event() takes its events.
    bool owns(nua_handle_t* nh) const;
    void on_event(nua_event_t event, int status, nua_handle_t* nh, const sip_t* sip, tagi_t tags[]);
    /// A digit heard on a channel, or a channel whose peer went silent (the call ends).
    void on_media_event(const media::MediaEvent& event);
    /// Hangs every call up (server shutdown).
    void hang_up_all();

    std::size_t active_calls() const { return calls_.size(); }
    std::uint64_t calls_started() const { return next_call_ - 1; }

    struct Call;
    struct Leg;

private:
    /// Answers the inbound leg with our SDP (echo test, prompt test).
    void answer_inbound(Call& call);
    void fork_to_extension(Call& call, const std::string& extension, const std::string& caller);
    /// Dials `number` at the trunk's target.
    void dial_out(Call& call, const Trunk& trunk, const std::string& number,
                  const std::string& caller);
    /// One outbound leg to `uri`, its own media channel next to the caller's.
    bool add_outbound_leg(Call& call, const std::string& uri, const std::string& to,
                          const std::string& from, const Trunk* trunk);
    void on_outbound_response(Call& call, Leg& leg, int status, const sip_t* sip);
    void connect(Call& call, Leg& winner, const sip_t* sip);
    void on_reinvite(Call& call, Leg& leg, const sip_t* sip);
    void on_info(Call& call, Leg& leg, const sip_t* sip);
    std::string party(const Call& call, const Leg& leg) const;
    void end_call(Call& call, Leg* ended_by);
    void forget(nua_handle_t* nh);
    media::LocalMedia local_media(std::uint16_t port);

    nua_t* nua_;
    media::MediaEngine& media_;
    const LocationService& location_;
    const SipSettings& settings_;
    Sounds sounds_;
    Report report_;
    std::uint64_t next_call_ = 1;
    std::map<std::uint64_t, std::unique_ptr<Call>> calls_;
    std::map<nua_handle_t*, std::pair<std::uint64_t, Leg*>> legs_;
};

}  // namespace markaz::sip
