#include "call_flow_fakes.h"

namespace markaz::app::testing {

namespace {

// 2026-11-23T08:00:00Z, a Monday: 11:30 in Tehran.
const WallTime kStart{std::chrono::sys_days{std::chrono::November / 23 / 2026} +
                      std::chrono::hours{8}};

}  // namespace

store::CallRecord FakeStore::record(const std::string& call) const {
    std::vector<store::CallRecord> found;
    for (const auto& r : saved) {
        if (r.id == call) {
            found.push_back(r);
        }
    }
    EXPECT_EQ(found.size(), 1u) << "records saved for " << call;
    return found.empty() ? store::CallRecord{} : found.front();
}

CallFlowHarness::CallFlowHarness(const std::string& yaml)
    : now_{SteadyTime{std::chrono::hours{1000}}, kStart} {
    auto config = config::parse_server_config(yaml, "flow.yaml");
    if (!config) {
        throw std::runtime_error(config.error().message);
    }
    config_ = std::move(*config);
    config_.sip.recordings_dir = "recordings";
    prompts_ = PromptLibrary::load("", config_.ivr, {"", "", config_.sip.barge_beep}).value();
    auto router = acd::Router::create(config_.router, 1);
    if (!router) {
        throw std::runtime_error(router.error().message);
    }
    auto view = CenterView::create(config_.stats, now_.wall);
    if (!view) {
        throw std::runtime_error(view.error().message);
    }
    view_ = std::move(*view);
    board_ = std::make_unique<Switchboard>(
        config_, std::move(*router), prompts_, phones, media, store, *view_,
        [this](std::function<void(Switchboard&, Now)> work) { posted_.push_back(std::move(work)); },
        [](const std::string&) {}, "t");
    board_->start({}, now_);
}

void CallFlowHarness::advance(Duration by) {
    const SteadyTime until = now_.mono + by;
    for (;;) {
        auto due = board_->next_deadline();
        if (!due || *due > until) {
            break;
        }
        if (*due > now_.mono) {
            now_.wall += *due - now_.mono;
            now_.mono = *due;
        }
        board_->tick(now_);
    }
    now_.wall += until - now_.mono;
    now_.mono = until;
}

void CallFlowHarness::run_posted() {
    while (!posted_.empty()) {
        auto work = std::move(posted_.front());
        posted_.erase(posted_.begin());
        work(*board_, now_);
    }
}

void CallFlowHarness::finish_bookings(bool stored) {
    auto bookings = std::move(store.bookings);
    store.bookings.clear();
    for (auto& booking : bookings) {
        booking.done(stored ? Result<void>{}
                            : Result<void>(markaz::fail(Errc::Unavailable, "disk full")));
    }
    run_posted();
}

void CallFlowHarness::registered(const std::string& extension) {
    board_->on_sip_notice(
        sip::SipNotice{sip::SipNotice::Kind::Registered, extension, "udp:127.0.0.1:5062", ""},
        now_);
}

sip::CallRef CallFlowHarness::arrive(const std::string& caller, const std::string& dialled,
                                     bool from_trunk) {
    sip::CallRef ref = next_ref_++;
    ChannelId channel{next_channel_++};
    channels_[{ref, 0}] = channel;
    event(sip::CallEvent::arrived(ref, caller, dialled, from_trunk, channel));
    return ref;
}

void CallFlowHarness::digit(sip::CallRef call, char digit) {
    media::MediaEvent e{media::MediaEvent::Kind::Dtmf, channel_of(call), digit};
    board_->on_media_event(e, now_);
}

void CallFlowHarness::play_finished(sip::CallRef call, std::uint64_t tag) {
    media::MediaEvent e{media::MediaEvent::Kind::PlayFinished, channel_of(call)};
    e.tag = tag;
    board_->on_media_event(e, now_);
}

void CallFlowHarness::audio_stopped(ChannelId channel) {
    board_->on_media_event(media::MediaEvent{media::MediaEvent::Kind::RtpTimeout, channel}, now_);
}

ChannelId CallFlowHarness::open_leg_channel(sip::CallRef call, std::uint64_t leg) {
    auto [it, added] = channels_.try_emplace({call, leg}, ChannelId{next_channel_});
    next_channel_ += added ? 1 : 0;
    return it->second;
}

void CallFlowHarness::early_media(sip::CallRef call, std::uint64_t leg) {
    event(sip::CallEvent::early_media(call, leg, open_leg_channel(call, leg)));
}

void CallFlowHarness::answer(sip::CallRef call, std::uint64_t leg) {
    // The channel of its early media, if it had any.
    event(sip::CallEvent::answered(call, leg, open_leg_channel(call, leg)));
}

void CallFlowHarness::fail(sip::CallRef call, std::uint64_t leg, int status) {
    event(sip::CallEvent::failed(call, leg, status));
}

void CallFlowHarness::leg_ended(sip::CallRef call, std::uint64_t leg) {
    event(sip::CallEvent::leg_ended(call, leg));
}

void CallFlowHarness::leg_digit(sip::CallRef call, std::uint64_t leg, char digit) {
    media::MediaEvent e{media::MediaEvent::Kind::Dtmf, leg_channel(call, leg), digit};
    board_->on_media_event(e, now_);
}

void CallFlowHarness::hold(sip::CallRef call, std::uint64_t leg, bool on_hold) {
    event(sip::CallEvent::hold(call, leg, on_hold));
}

void CallFlowHarness::end(sip::CallRef call, sip::CallEvent::Side by) {
    event(sip::CallEvent::ended(call, by));
}

sip::CallRef CallFlowHarness::originated(std::uint64_t tag) {
    sip::CallRef ref = next_ref_++;
    event(sip::CallEvent::originated(ref, tag));
    return ref;
}

void CallFlowHarness::event(sip::CallEvent e) {
    board_->on_call_event(e, now_);
    run_posted();
}

acd::AgentState CallFlowHarness::agent_state(const std::string& agent) const {
    auto snapshot = router().agent(AgentId{agent});
    return snapshot ? snapshot->state : acd::AgentState::LoggedOut;
}

std::string CallFlowHarness::call_id(sip::CallRef call) const {
    // The switchboard names a call when it arrives: "t-1", "t-2", ... in order of arrival.
    return "t-" + std::to_string(call);
}

}  // namespace markaz::app::testing
