#pragma once

// The call flow's ports (app/ports.h) as fakes that record every command, and a harness that
// drives a real Switchboard (real router, real IVR, real CenterView) with SIP and media events
// on a test clock: no sockets, no threads, no sleeps.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "app/center_view.h"
#include "app/ports.h"
#include "app/prompt_library.h"
#include "app/switchboard.h"
#include "config/server_config_loader.h"

namespace markaz::app::testing {

/// Every leg command the switchboard gave, in order.
class FakePhones final : public CallControl {
public:
    struct Answer {
        sip::CallRef call;
    };
    struct Reject {
        sip::CallRef call;
        int status;
    };
    struct RingTrunk {
        sip::CallRef call;
        std::uint64_t leg;
        std::string trunk;
        std::string number;
        std::string caller;
    };
    struct Ring {
        sip::CallRef call;
        std::uint64_t leg;
        std::string extension;
        std::string caller;
    };
    struct Drop {
        sip::CallRef call;
        std::uint64_t leg;
    };
    struct Connect {
        sip::CallRef call;
        std::uint64_t leg;
    };
    struct HangUp {
        sip::CallRef call;
    };
    struct Originate {
        std::uint64_t tag;
        std::string number;
        std::string caller_id;
    };
    struct ReferAnswer {
        sip::CallRef call;
        std::uint64_t leg;
        int status;
    };
    struct Release {
        sip::CallRef call;
        std::uint64_t leg;
    };
    struct Move {
        sip::CallRef from;
        std::uint64_t leg;
        sip::CallRef to;
        std::uint64_t as;
    };
    using Command = std::variant<Answer, Reject, Ring, RingTrunk, Drop, Connect, HangUp, Originate,
                                 ReferAnswer, Release, Move>;

    void answer(sip::CallRef call) override { commands.push_back(Answer{call}); }
    void reject(sip::CallRef call, int status) override {
        commands.push_back(Reject{call, status});
    }
    void ring_trunk(sip::CallRef call, std::uint64_t leg, std::string trunk, std::string number,
                    std::string caller, std::chrono::steady_clock::time_point) override {
        commands.push_back(
            RingTrunk{call, leg, std::move(trunk), std::move(number), std::move(caller)});
    }

    void ring(sip::CallRef call, std::uint64_t leg, std::string extension, std::string caller,
              std::chrono::steady_clock::time_point) override {
        commands.push_back(Ring{call, leg, std::move(extension), std::move(caller)});
    }
    void drop_leg(sip::CallRef call, std::uint64_t leg) override {
        commands.push_back(Drop{call, leg});
    }
    void release_leg(sip::CallRef call, std::uint64_t leg) override {
        commands.push_back(Release{call, leg});
    }
    void move_leg(sip::CallRef from, std::uint64_t leg, sip::CallRef to,
                  std::uint64_t as) override {
        commands.push_back(Move{from, leg, to, as});
    }
    void answer_refer(sip::CallRef call, std::uint64_t leg, int status) override {
        commands.push_back(ReferAnswer{call, leg, status});
    }
    void connect_leg(sip::CallRef call, std::uint64_t leg) override {
        commands.push_back(Connect{call, leg});
    }
    void hang_up(sip::CallRef call) override { commands.push_back(HangUp{call}); }
    void originate(std::uint64_t tag, std::string number, std::string caller_id) override {
        commands.push_back(Originate{tag, std::move(number), std::move(caller_id)});
    }

    /// The commands of type T given since the last take(), oldest first, keeping them all.
    template <class T>
    std::vector<T> given() const {
        std::vector<T> out;
        for (const Command& c : commands) {
            if (const T* t = std::get_if<T>(&c)) {
                out.push_back(*t);
            }
        }
        return out;
    }
    /// The commands of type T given since the last take(), oldest first; forgets all others.
    template <class T>
    std::vector<T> take() {
        std::vector<T> out = given<T>();
        commands.clear();
        return out;
    }

    std::vector<Command> commands;
};

/// The rooms made and ended, and what each channel was told to play.
class FakeMedia final : public MediaControl {
public:
    struct Bridge {
        ChannelId a;
        ChannelId b;
        std::optional<std::string> recording;
    };
    struct Record {
        ChannelId channel;
        std::string path;
    };
    void bridge(ChannelId a, ChannelId b, std::optional<std::string> recording) override {
        bridges.push_back({a, b, std::move(recording)});
    }
    void record(ChannelId channel, std::string path) override {
        records.push_back({channel, std::move(path)});
    }
    void unbridge(ChannelId channel) override { unbridges.push_back(channel); }
    struct Join {
        ChannelId member;
        ChannelId channel;
        std::vector<ChannelId> hears;
        std::vector<ChannelId> heard_by;
    };
    void join(ChannelId member, ChannelId channel, std::vector<ChannelId> hears,
              std::vector<ChannelId> heard_by) override {
        joins.push_back({member, channel, std::move(hears), std::move(heard_by)});
    }
    struct Hearing {
        ChannelId listener;
        ChannelId source;
        bool hears;
    };
    void set_hearing(ChannelId listener, ChannelId source, bool hears) override {
        hearings.push_back({listener, source, hears});
    }
    /// Whether `listener` was set to hear `source` (or not, with `hears` false).
    bool was_set(ChannelId listener, ChannelId source, bool hears) const {
        for (const Hearing& h : hearings) {
            if (h.listener == listener && h.source == source && h.hears == hears) {
                return true;
            }
        }
        return false;
    }
    void leave(ChannelId channel) override { leaves.push_back(channel); }
    struct Play {
        ChannelId channel;
        bool loop;
        std::uint64_t tag;
    };
    void play(ChannelId channel, std::shared_ptr<const media::Prompt>, bool loop,
              std::uint64_t tag) override {
        plays.push_back({channel, loop, tag});
    }
    void stop_playing(ChannelId channel) override { stops.push_back(channel); }
    void echo(ChannelId channel) override { echoes.push_back(channel); }
    struct Pause {
        ChannelId channel;
        bool paused;
    };
    void pause_recording(ChannelId channel, bool paused) override {
        pauses.push_back({channel, paused});
    }

    std::vector<Bridge> bridges;
    std::vector<Record> records;
    std::vector<ChannelId> unbridges;
    std::vector<Join> joins;
    std::vector<Hearing> hearings;
    std::vector<ChannelId> leaves;
    std::vector<Play> plays;
    std::vector<ChannelId> stops;
    std::vector<ChannelId> echoes;
    std::vector<Pause> pauses;
};

/// The store: what was appended and saved, in memory. Bookings wait until the test says the
/// disk answered (finish_bookings).
class FakeStore final : public CallStore {
public:
    void append(std::vector<acd::Event> e) override {
        events.insert(events.end(), e.begin(), e.end());
    }
    void save(store::CallRecord record) override { saved.push_back(std::move(record)); }
    void save_open(store::CallRecord record) override { opened.push_back(std::move(record)); }
    void set_wrap(std::string call, Duration wrap) override { wraps[call] = wrap; }
    void book_callback(store::CallbackRequest request, Done done) override {
        bookings.push_back({std::move(request), std::move(done)});
    }
    void callback_attempted(std::string call, int attempts, WallTime) override {
        attempts_of[call] = attempts;
    }
    void close_callback(std::string call, std::string state, WallTime) override {
        closed_callbacks[call] = state;
    }
    void save_alert(alerts::AlertEntry entry) override { alerts.push_back(std::move(entry)); }

    /// The router events of type T appended so far.
    template <class T>
    std::vector<T> all() const {
        std::vector<T> out;
        for (const acd::Event& e : events) {
            if (const T* t = std::get_if<T>(&e.body)) {
                out.push_back(*t);
            }
        }
        return out;
    }
    /// The finished record of `call`; fails the test when there is none or several.
    store::CallRecord record(const std::string& call) const;

    std::vector<acd::Event> events;
    std::vector<store::CallRecord> saved;
    std::vector<store::CallRecord> opened;
    std::map<std::string, Duration> wraps;
    struct Booking {
        store::CallbackRequest request;
        Done done;
    };
    std::vector<Booking> bookings;
    std::map<std::string, int> attempts_of;
    std::map<std::string, std::string> closed_callbacks;
    std::vector<alerts::AlertEntry> alerts;
};

/// A switchboard on fakes and a test clock. Call refs and channels are handed out as a SIP
/// layer would: each new call gets the next ref, each leg that answers the next channel.
class CallFlowHarness {
public:
    /// `yaml` is a whole server configuration (queues, agents, dialplan, ivr).
    explicit CallFlowHarness(const std::string& yaml);

    Switchboard& board() { return *board_; }
    const acd::Router& router() const { return board_->router(); }
    Now now() const { return now_; }
    /// Moves the clock on, running every timer that falls due on the way, in order.
    void advance(Duration by);
    /// Runs what the switchboard posted back to itself (store completions).
    void run_posted();
    /// The store answers every booking waiting (true: on disk), and the answers come back.
    void finish_bookings(bool stored = true);

    /// A phone registers or goes away.
    void registered(const std::string& extension);
    /// A call arrives for the switchboard: returns its ref (its channel is channel_of()).
    sip::CallRef arrive(const std::string& caller, const std::string& dialled,
                        bool from_trunk = false);
    ChannelId channel_of(sip::CallRef call) const { return channels_.at({call, 0}); }
    ChannelId leg_channel(sip::CallRef call, std::uint64_t leg) const {
        return channels_.at({call, leg});
    }
    void digit(sip::CallRef call, char digit);
    void play_finished(sip::CallRef call, std::uint64_t tag);
    /// The media engine reports that `channel`'s peer stopped sending (RTP timeout).
    void audio_stopped(ChannelId channel);
    /// Leg `leg` of `call` sent early media (a 183 with SDP) before any answer.
    void early_media(sip::CallRef call, std::uint64_t leg);
    /// Leg `leg` of `call` answered (leg 0: an originated call's own party).
    void answer(sip::CallRef call, std::uint64_t leg);
    void fail(sip::CallRef call, std::uint64_t leg, int status);
    /// Leg `leg` had answered (not connected to the call's own party) and hung up.
    void leg_ended(sip::CallRef call, std::uint64_t leg);
    /// The phone of answered leg `leg` pressed `digit` (RFC 4733, seen by the media engine).
    void leg_digit(sip::CallRef call, std::uint64_t leg, char digit);
    void hold(sip::CallRef call, std::uint64_t leg, bool on_hold);
    void end(sip::CallRef call, sip::CallEvent::Side by);
    /// originate() was asked for `tag`: the SIP layer made the call; returns its ref.
    sip::CallRef originated(std::uint64_t tag);

    /// The state of `agent` in the router now.
    acd::AgentState agent_state(const std::string& agent) const;
    /// The id the switchboard gave the call (as in records and events).
    std::string call_id(sip::CallRef call) const;

    FakePhones phones;
    FakeMedia media;
    FakeStore store;

private:
    void event(sip::CallEvent e);
    /// The channel of leg `leg`: the one it had already (early media), else a new one.
    ChannelId open_leg_channel(sip::CallRef call, std::uint64_t leg);

    config::ServerConfig config_;
    PromptLibrary prompts_;
    std::unique_ptr<CenterView> view_;
    std::unique_ptr<Switchboard> board_;
    Now now_;
    std::vector<std::function<void(Switchboard&, Now)>> posted_;
    sip::CallRef next_ref_ = 1;
    std::uint64_t next_channel_ = 100;
    std::map<std::pair<sip::CallRef, std::uint64_t>, ChannelId> channels_;
};

}  // namespace markaz::app::testing
