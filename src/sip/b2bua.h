#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <sofia-sip/nua.h>

#include "sdp/sdp_negotiation.h"
#include "sip/call_control.h"
#include "sip/leg_media.h"
#include "sip/location_service.h"
#include "sip/sip_server.h"
#include "sip/sip_settings.h"
#include "sip/sofia.h"

namespace markaz::sip {

/// The back-to-back user agent: every call is an inbound leg plus zero or more outbound legs,
/// each its own dialog, with the media anchored in the media engine (a channel per leg).
/// It routes nothing itself: every new INVITE is reported to the application (Arrived,
/// unanswered), which answers it, refuses it, or rings legs and connects the one that answers
/// (call_control.h). While the caller is not answered, ringing (180) and early media (183 with
/// SDP) of the legs pass back to them; CANCEL and BYE either way end the other legs; a
/// re-INVITE (hold/unhold) is answered with the mirrored direction and reported.
/// Thread: the SIP thread only (nua callbacks).
class B2bua {
public:
    /// What the B2BUA reports: a call started or ended, a digit pressed (`who` is the
    /// party: the caller's or callee's extension).
    using Report = std::function<void(SipNotice::Kind kind, std::string who, std::string detail)>;

    B2bua(nua_t* nua, LegMedia& media, const LocationService& location, const SipSettings& settings,
          Report report, CallHandler handler = {});
    ~B2bua();

    /// A new INVITE from `caller`, authenticated as an extension or trusted as coming from
    /// `trunk` (whose number mapping then applies): reported to the application as Arrived.
    void on_invite(nua_handle_t* nh, const sip_t* sip, const std::string& caller,
                   const Trunk* trunk = nullptr);
    /// True when `nh` is one of the calls' legs; then on_event() takes its events.
    bool owns(nua_handle_t* nh) const;
    void on_event(nua_event_t event, int status, nua_handle_t* nh, const sip_t* sip, tagi_t tags[]);
    /// Hangs every call up (server shutdown).
    void hang_up_all();

    // Call control for the application's calls (see call_control.h). Unknown calls are
    // ignored: the call may have ended while the command was on its way.
    /// Answers the caller (200 OK with Markaz's SDP); nothing for a call already answered.
    void answer(CallRef call);
    /// Refuses a caller not yet answered with `status` (404, 403, 486...); Ended follows.
    /// An answered call is hung up instead.
    void reject(CallRef call, int status);
    /// Rings every registered contact of `extension` as leg `leg`; LegFailed 480 when none
    /// (never a trunk: an agent's phone is an extension, whatever string it was given as).
    /// `since`: when the event that led to this ring reached Markaz (routing latency).
    void ring(CallRef call, std::uint64_t leg, const std::string& extension,
              const std::string& caller, std::chrono::steady_clock::time_point since);
    /// Dials `number` through the trunk named `trunk` ("" = the first that dials out) as leg
    /// `leg`; LegFailed 503 when there is no such trunk (or it has no target).
    void ring_trunk(CallRef call, std::uint64_t leg, const std::string& trunk,
                    const std::string& number, const std::string& caller,
                    std::chrono::steady_clock::time_point since);
    /// Routing latency samples so far, in ms: from `since` to the first INVITE leaving.
    const std::vector<double>& routing_ms() const { return routing_ms_; }
    /// Stops leg `leg`: CANCEL while it rings, BYE once answered. No events follow for it.
    void drop_leg(CallRef call, std::uint64_t leg);
    /// The answered leg `leg` is the one the caller talks to (the call flow bridges their
    /// media); a caller not answered yet is answered now.
    void connect_leg(CallRef call, std::uint64_t leg);
    /// The caller no longer depends on leg `leg`: its hang-up is reported as LegEnded instead
    /// of ending the call (an agent who may leave a consult with the caller's new party).
    /// connect_leg() ties them again.
    void release_leg(CallRef call, std::uint64_t leg);
    /// Leg `leg` of call `from` (its answered phone, every contact of it) becomes leg `as` of
    /// call `to`: its dialog and media channel stay up, now ending with `to` and no longer
    /// with `from` (an attended transfer joins the colleague the agent's phone called to the
    /// caller's call). Neither call is connected to it until connect_leg().
    void move_leg(CallRef from, std::uint64_t leg, CallRef to, std::uint64_t as);
    /// Answers the REFER leg `leg` sent (Referred) with a final NOTIFY of `status` (200: the
    /// transfer is done; 403, 404, 486...: refused, the call goes on as it was).
    void answer_refer(CallRef call, std::uint64_t leg, int status);
    void hang_up(CallRef call);
    /// A new call to `number` (a registered extension, else through the first trunk with a
    /// target), shown as from `caller_id`; reported as Originated (with `tag`), then as leg
    /// 0 answering or failing.
    void originate(std::uint64_t tag, const std::string& number, const std::string& caller_id);

    std::size_t active_calls() const { return calls_.size(); }
    std::uint64_t calls_started() const { return next_call_ - 1; }

    struct Call;
    struct Leg;

private:
    /// Answers the inbound leg with our SDP.
    void answer_inbound(Call& call);
    /// Rings `uri` (whose SIP goes to `peer_host`) as leg `group`, counting the routing
    /// latency; false when it could not.
    bool ring_uri(Call& call, std::uint64_t group, const std::string& uri,
                  const std::string& peer_host, const std::string& to, const std::string& caller,
                  const Trunk* trunk, std::chrono::steady_clock::time_point since);
    /// One outbound leg to `uri` (its SIP to `peer_host`), its own media channel next to the
    /// caller's.
    bool add_outbound_leg(Call& call, const std::string& uri, const std::string& peer_host,
                          const std::string& to, const std::string& from, const Trunk* trunk,
                          std::uint64_t group = 0);
    /// A REFER inside `leg`'s dialog: reported as Referred (b2bua_in_dialog.cpp).
    void on_refer(Call& call, Leg& leg, const sip_t* sip, tagi_t tags[]);
    /// The Replaces header among a Refer-To URI's headers ("Replaces=<call-id>%3Bto-tag..."),
    /// unescaped; "" when there is none (a blind transfer).
    static std::string replaces_of(std::string_view headers);
    /// The dialog a Replaces value names for an attended transfer, when it is a dialog of the
    /// same phone as `leg` of `call`: its call and leg; else the SIP status that refuses the
    /// transfer (481 no such dialog, 403 another phone's).
    struct Replaced {
        CallRef call = 0;
        std::uint64_t leg = 0;
        int refused = 0;
    };
    Replaced replaced_dialog(const Call& call, const Leg& leg, const std::string& replaces);
    /// The extension whose phone `leg` of `call` is ("" for a trunk's or Markaz's own).
    std::string phone_of(const Call& call, const Leg& leg) const;
    /// The final NOTIFY of `leg`'s pending REFER, if it has one.
    void notify_refer(Leg& leg, int status);
    /// Responses to the application's calls: its originated leg, and the legs it rings.
    void on_app_response(Call& call, Leg& leg, int status, const sip_t* sip);
    /// A leg rings (180) or sends early media (183 with SDP) while the caller is not
    /// answered: the caller hears of it.
    void pass_progress(Call& call, Leg& leg, int status, const sip_t* sip);
    /// A leg of group `group` ended unanswered: when it was the group's last, LegFailed.
    void app_leg_failed(Call& call, std::uint64_t group);
    /// Answers a trunk's 401/407 once with its credentials; false when it cannot.
    bool answer_challenge(Leg& leg, int status, const sip_t* sip);
    void emit(CallEvent event);
    /// A leg's dialog ended (BYE, CANCEL, or terminated): the call ends when it was the
    /// caller's or the connected one; another leg just drops out.
    void leg_gone(Call& call, Leg& leg);
    /// Closes the leg's channel (and the caller's early media from it).
    void release_media(Call& call, Leg& leg);
    void on_reinvite(Call& call, Leg& leg, const sip_t* sip);
    void on_info(Call& call, Leg& leg, const sip_t* sip);
    std::string party(const Call& call, const Leg& leg) const;
    /// Ends every leg still up; a caller not answered yet gets `status`.
    void end_call(Call& call, Leg* ended_by, CallEvent::Side side = CallEvent::Side::Server,
                  int status = 480);
    Call* find_call(CallRef call);
    void forget(nua_handle_t* nh);
    sdp::LocalMedia local_media(std::uint16_t port);

    nua_t* nua_;
    LegMedia& media_;
    const LocationService& location_;
    const SipSettings& settings_;
    Report report_;
    CallHandler handler_;
    std::vector<double> routing_ms_;
    std::uint64_t next_call_ = 1;
    std::map<std::uint64_t, std::unique_ptr<Call>> calls_;
    /// A leg's dialog: the call it belongs to (0 once the call has ended) and its handle,
    /// owned here until nua reports the dialog terminated.
    struct LegEntry {
        std::uint64_t call = 0;
        Leg* leg = nullptr;
        sofia::Handle handle;
    };
    /// Maps `nh` to leg `leg` of call `call`, owning the handle from now on.
    void track(nua_handle_t* nh, std::uint64_t call, Leg* leg);
    std::map<nua_handle_t*, LegEntry> legs_;
};

}  // namespace markaz::sip
