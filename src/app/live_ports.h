#pragma once

// The call flow's ports (ports.h) on the live server: the SIP server's call control and the
// media engine's players. Each call only forwards; both queue the work for their own thread.

#include <filesystem>
#include <system_error>

#include "app/ports.h"
#include "media/media_engine.h"
#include "sip/sip_server.h"

namespace markaz::app {

/// CallControl on sip::SipServer. Thread: the core loop; the server acts on its SIP thread.
class SipCallControl final : public CallControl {
public:
    explicit SipCallControl(sip::SipServer& sip) : sip_(sip) {}
    void answer(sip::CallRef call) override { sip_.answer(call); }
    void reject(sip::CallRef call, int status) override { sip_.reject(call, status); }
    void ring(sip::CallRef call, std::uint64_t leg, std::string extension, std::string caller,
              std::chrono::steady_clock::time_point since) override {
        sip_.ring(call, leg, std::move(extension), std::move(caller), since);
    }
    void ring_trunk(sip::CallRef call, std::uint64_t leg, std::string trunk, std::string number,
                    std::string caller, std::chrono::steady_clock::time_point since) override {
        sip_.ring_trunk(call, leg, std::move(trunk), std::move(number), std::move(caller), since);
    }
    void drop_leg(sip::CallRef call, std::uint64_t leg) override { sip_.drop_leg(call, leg); }
    void connect_leg(sip::CallRef call, std::uint64_t leg) override { sip_.connect_leg(call, leg); }
    void release_leg(sip::CallRef call, std::uint64_t leg) override { sip_.release_leg(call, leg); }
    void move_leg(sip::CallRef from, std::uint64_t leg, sip::CallRef to,
                  std::uint64_t as) override {
        sip_.move_leg(from, leg, to, as);
    }
    void answer_refer(sip::CallRef call, std::uint64_t leg, int status) override {
        sip_.answer_refer(call, leg, status);
    }
    void hang_up(sip::CallRef call) override { sip_.hang_up(call); }
    void originate(std::uint64_t tag, std::string number, std::string caller_id) override {
        sip_.originate(tag, std::move(number), std::move(caller_id));
    }

private:
    sip::SipServer& sip_;
};

/// The SIP layer's leg channels on media::MediaEngine. Thread: the SIP thread; the engine
/// takes commands from any thread.
class EngineLegMedia final : public sip::LegMedia {
public:
    explicit EngineLegMedia(media::MediaEngine& media) : media_(media) {}
    std::string address() const override { return media_.settings().address; }
    Result<Opened> open(std::optional<ChannelId> near) override {
        auto opened = media_.open_channel(near);
        if (!opened) {
            return fail(opened.error());
        }
        return Opened{opened->id, opened->port};
    }
    void set_remote(ChannelId channel, const sdp::NegotiatedAudio& audio,
                    const std::string& signalling_host) override {
        media_.set_remote(channel, media::remote_media(audio, signalling_host));
    }
    void close(ChannelId channel) override { media_.close(channel); }

private:
    media::MediaEngine& media_;
};

/// MediaControl on media::MediaEngine. Thread: the core loop; the engine acts on the worker
/// that owns the channel.
class EngineMediaControl final : public MediaControl {
public:
    explicit EngineMediaControl(media::MediaEngine& media) : media_(media) {}
    void bridge(ChannelId a, ChannelId b, std::optional<std::string> recording) override {
        if (recording) {
            make_parent_directories(*recording);
        }
        media_.bridge(a, b, std::move(recording));
    }
    void record(ChannelId channel, std::string path) override {
        make_parent_directories(path);
        media_.record(channel, std::move(path));
    }
    void unbridge(ChannelId channel) override { media_.unbridge(channel); }
    void join(ChannelId member, ChannelId channel, std::vector<ChannelId> hears,
              std::vector<ChannelId> heard_by) override {
        media_.join(member, channel, std::move(hears), std::move(heard_by));
    }
    void set_hearing(ChannelId listener, ChannelId source, bool hears) override {
        media_.set_hearing(listener, source, hears);
    }
    void leave(ChannelId channel) override { media_.leave(channel); }
    void play(ChannelId channel, std::shared_ptr<const media::Prompt> prompt, bool loop,
              std::uint64_t tag) override {
        media_.play(channel, std::move(prompt), loop, tag);
    }
    void stop_playing(ChannelId channel) override { media_.stop_playing(channel); }
    void echo(ChannelId channel) override { media_.echo(channel); }
    void pause_recording(ChannelId channel, bool paused) override {
        media_.pause_recording(channel, paused);
    }

private:
    /// The recordings folder may not exist yet (recording_path); the worker only opens files.
    static void make_parent_directories(const std::string& path) {
        std::error_code ignored;  // a failure shows when the worker cannot create the file
        std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ignored);
    }

    media::MediaEngine& media_;
};

}  // namespace markaz::app
