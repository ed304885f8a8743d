#include "media/media_engine.h"

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <thread>
#include <time.h>
#include <variant>
#include <vector>

#include "media/dtmf_detector.h"
#include "media/dtmf_generator.h"
#include "media/dtmf_receiver.h"
#include "media/dtmf_sender.h"
#include "media/inbound_audio.h"
#include "media/mixer.h"
#include "media/outbound_audio.h"
#include "media/port_pool.h"
#include "media/rtp_packet.h"
#include "media/rtp_socket.h"
#include "media/telephone_event.h"
#include "media/wav_recorder.h"

namespace markaz::media {

namespace {

using Frame = std::array<std::int16_t, kFrameSamples>;
constexpr std::uint64_t kTicksPerSecond = 1000 / kFrameMs;

SteadyTime steady_now() {
    return std::chrono::time_point_cast<Duration>(std::chrono::steady_clock::now());
}

sockaddr_in to_sockaddr(const std::string& address, std::uint16_t port) {
    sockaddr_in out{};
    out.sin_family = AF_INET;
    out.sin_port = htons(port);
    inet_pton(AF_INET, address.c_str(), &out.sin_addr);
    return out;
}

// Commands other threads post to a worker; applied at the start of the next tick.
struct SetRemote {
    ChannelId channel;
    RemoteMedia remote;
};
struct Echo {
    ChannelId channel;
};
struct Bridge {
    ChannelId a;
    ChannelId b;
    std::optional<std::string> recording;
};
struct Close {
    ChannelId channel;
};
struct Record {
    ChannelId channel;
    std::string path;
};
struct Unbridge {
    ChannelId channel;
};
struct Play {
    ChannelId channel;
    std::shared_ptr<const Prompt> prompt;  ///< nullptr stops playing
    bool loop = false;
    std::uint64_t tag = 0;
};
struct SendDigits {
    ChannelId channel;
    std::string digits;
};
struct PauseRecording {
    ChannelId channel;
    bool paused = true;
};
using Command = std::variant<SetRemote, Echo, Bridge, Close, Play, Record, Unbridge, SendDigits,
                             PauseRecording>;

bool same_source(const sockaddr_in& a, const sockaddr_in& b) {
    return a.sin_addr.s_addr == b.sin_addr.s_addr && a.sin_port == b.sin_port;
}

/// One leg's RTP state on its worker.
struct Channel {
    Channel(ChannelId channel, RtpSocket rtp)
        : id(channel), socket(std::move(rtp)), dtmf(kMixRate) {}

    ChannelId id{};
    RtpSocket socket;
    std::optional<RemoteMedia> remote;
    sockaddr_in send_to{};
    std::unique_ptr<Codec> encoder;
    std::unique_ptr<Codec> decoder;
    InboundAudio heard;      ///< the peer's packets, whatever their packet time, as 20 ms frames
    OutboundAudio outbound;  ///< our 20 ms frames, as packets of the peer's packet time
    DtmfReceiver dtmf;
    /// The source RTP is taken from: the first one heard after the remote was set (symmetric
    /// RTP, which gets through NAT). Packets from anywhere else are dropped, so a stranger
    /// cannot inject audio or steal the stream by sending to the port.
    std::optional<sockaddr_in> latched;
    std::uint16_t seq = 0;
    std::uint32_t timestamp = 0;
    std::uint32_t ssrc = 0;
    SteadyTime last_heard{};
    /// Digits to send: as RFC 4733 events when the peer takes them, else as tones in the audio.
    DtmfSender digits_out;
    std::unique_ptr<DtmfGenerator> tones_out;
    /// In-band detection, for peers that did not offer telephone-event.
    std::unique_ptr<DtmfDetector> tones_in;
    bool sent = false;  ///< something went out this tick
    bool timeout_reported = false;
    bool echo = false;
    std::optional<PromptPlayer> player;  ///< overrides what the channel would hear
    std::uint64_t player_tag = 0;        ///< reported when `player` finishes
    Frame input{};                       ///< this tick's decoded audio from the peer
    bool has_input = false;
};

/// Two (later more) channels that hear each other, with an optional recording.
struct Room {
    std::vector<ChannelId> members;  ///< members[0] is the caller (left), [1] the agent (right)
    Mixer mixer{8};
    std::optional<WavRecorder> recorder;
    bool recording_paused = false;  ///< silence is written instead (card numbers, say)
};

}  // namespace

/// A worker thread: its channels and rooms, and the queue other threads post to.
class Worker {
public:
    Worker(PortPool& ports, const MediaSettings& settings, MediaEngine::EventSink& sink)
        : ports_(ports), settings_(settings), sink_(sink), rng_(std::random_device{}()) {
        thread_ = std::thread([this] { run(); });
    }
    ~Worker() {
        stop_ = true;
        thread_.join();
    }

    void post(Command command) {
        std::lock_guard lock{mutex_};
        inbox_.push_back(std::move(command));
    }
    void adopt(ChannelId id, RtpSocket socket) {
        std::lock_guard lock{mutex_};
        arrivals_.emplace_back(id, std::move(socket));
    }
    std::size_t size() const { return count_.load(); }

private:
    void run() {
        timespec next{};
        clock_gettime(CLOCK_MONOTONIC, &next);
        while (!stop_) {
            next.tv_nsec += static_cast<long>(kFrameMs) * 1'000'000;
            if (next.tv_nsec >= 1'000'000'000) {
                next.tv_nsec -= 1'000'000'000;
                ++next.tv_sec;
            }
            clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, nullptr);
            tick();
        }
        for (auto& [id, room] : rooms_) {
            if (room.recorder) {
                (void)room.recorder->close();
            }
        }
        for (auto& [id, channel] : channels_) {
            ports_.release(channel.socket.port());
        }
    }

    void tick() {
        take_commands();
        SteadyTime now = steady_now();
        ++ticks_;
        for (auto& [id, channel] : channels_) {
            receive(channel, now);
            // Once a second per channel, channels spread over the ticks.
            if ((ticks_ + static_cast<std::uint64_t>(id)) % kTicksPerSecond == 0) {
                channel.socket.drain_control();
            }
        }
        for (auto& [id, channel] : channels_) {
            channel.has_input = decode(channel);
        }
        for (auto& [id, room] : rooms_) {
            mix(room);
        }
        for (auto& [id, channel] : channels_) {
            if (channel.player) {
                Frame frame{};
                if (!channel.player->next_frame(frame)) {
                    channel.player.reset();  // a prompt played once is over
                    sink_(MediaEvent{MediaEvent::Kind::PlayFinished, channel.id, 0,
                                     DtmfSource::Rfc4733, channel.player_tag});
                }
                send(channel, frame);
            } else if (channel.echo && channel.has_input) {
                send(channel, channel.input);
            } else if (!channel.sent && (channel.digits_out.busy() || channel.tones_out)) {
                static const Frame silence{};
                send(channel, silence);  // digits go out even where nothing else does
            }
            channel.sent = false;
        }
    }

    void take_commands() {
        std::vector<Command> commands;
        std::vector<std::pair<ChannelId, RtpSocket>> arrivals;
        {
            std::lock_guard lock{mutex_};
            commands.swap(inbox_);
            arrivals.swap(arrivals_);
        }
        for (auto& [id, socket] : arrivals) {
            Channel channel{id, std::move(socket)};
            channel.ssrc = static_cast<std::uint32_t>(rng_());
            channel.seq = static_cast<std::uint16_t>(rng_());
            channel.timestamp = static_cast<std::uint32_t>(rng_());
            channel.last_heard = steady_now();
            channels_.emplace(id, std::move(channel));
        }
        for (auto& command : commands) {
            std::visit([this](auto& c) { apply(c); }, command);
        }
        count_ = channels_.size();
    }

    Channel* find(ChannelId id) {
        auto it = channels_.find(id);
        return it == channels_.end() ? nullptr : &it->second;
    }

    void apply(SetRemote& c) {
        Channel* channel = find(c.channel);
        if (!channel) {
            return;
        }
        bool codec_changed = !channel->remote || channel->remote->codec != c.remote.codec ||
                             channel->remote->payload_type != c.remote.payload_type;
        if (codec_changed) {
            channel->encoder = make_codec(c.remote.codec, c.remote.payload_type);
            channel->decoder = make_codec(c.remote.codec, c.remote.payload_type);
        }
        sockaddr_in to = to_sockaddr(c.remote.address, c.remote.port);
        if (!channel->remote || !same_source(to, channel->send_to)) {
            channel->latched.reset();  // a new address (re-INVITE): learn its source again
            channel->send_to = to;
        }
        if (!c.remote.telephone_event && !channel->tones_in) {
            channel->tones_in = std::make_unique<DtmfDetector>();
        } else if (c.remote.telephone_event) {
            channel->tones_in.reset();  // phones sending RFC 4733 often leave the tones in too
        }
        channel->outbound.set_ptime(c.remote.ptime_ms);
        channel->remote = std::move(c.remote);
    }
    void apply(Echo& c) {
        if (Channel* channel = find(c.channel)) {
            channel->echo = true;
        }
    }
    void apply(Bridge& c) {
        if (!find(c.a) || !find(c.b) || room_of_.contains(c.a) || room_of_.contains(c.b)) {
            return;
        }
        std::uint64_t room_id = next_room_++;
        Room& room = rooms_[room_id];
        room.members = {c.a, c.b};
        auto pa = ParticipantId{0};
        auto pb = ParticipantId{1};
        (void)room.mixer.add(pa);
        (void)room.mixer.add(pb);
        (void)room.mixer.set_hearing(pa, pb, true);
        (void)room.mixer.set_hearing(pb, pa, true);
        if (c.recording) {
            auto recorder = WavRecorder::create(*c.recording);
            if (recorder) {
                room.recorder.emplace(std::move(*recorder));
            }
        }
        room_of_[c.a] = room_id;
        room_of_[c.b] = room_id;
    }
    void apply(Play& c) {
        if (Channel* channel = find(c.channel)) {
            if (c.prompt) {
                channel->player.emplace(std::move(c.prompt), c.loop);
                channel->player_tag = c.tag;
            } else {
                channel->player.reset();
            }
        }
    }
    void apply(Record& c) {
        auto r = room_of_.find(c.channel);
        if (r == room_of_.end() || rooms_[r->second].recorder) {
            return;
        }
        if (auto recorder = WavRecorder::create(c.path)) {
            rooms_[r->second].recorder.emplace(std::move(*recorder));
        }
    }
    void apply(Unbridge& c) { dissolve_room_of(c.channel); }
    void apply(SendDigits& c) {
        Channel* channel = find(c.channel);
        if (!channel) {
            return;
        }
        if (channel->remote && channel->remote->telephone_event) {
            for (char digit : c.digits) {
                channel->digits_out.queue(digit);
            }
            return;
        }
        if (!channel->tones_out) {
            channel->tones_out = std::make_unique<DtmfGenerator>();
        }
        channel->tones_out->queue(c.digits);
    }
    void apply(PauseRecording& c) {
        if (auto r = room_of_.find(c.channel); r != room_of_.end()) {
            rooms_[r->second].recording_paused = c.paused;
        }
    }
    /// Ends the room `channel` is in: its recording completes, its members stay open.
    void dissolve_room_of(ChannelId channel) {
        auto r = room_of_.find(channel);
        if (r == room_of_.end()) {
            return;
        }
        std::uint64_t room_id = r->second;
        Room& room = rooms_[room_id];
        if (room.recorder) {
            (void)room.recorder->close();
        }
        for (ChannelId member : room.members) {
            room_of_.erase(member);
        }
        rooms_.erase(room_id);
    }
    void apply(Close& c) {
        dissolve_room_of(c.channel);
        if (auto it = channels_.find(c.channel); it != channels_.end()) {
            ports_.release(it->second.socket.port());
            channels_.erase(it);
        }
    }

    void receive(Channel& channel, SteadyTime now) {
        for (const Datagram& d : channel.socket.receive()) {
            RtpPacket packet;
            if (parse_rtp(d.bytes, packet) != RtpError::None) {
                continue;  // not RTP: dropped, never fatal
            }
            if (channel.remote) {
                if (!channel.latched) {
                    // Symmetric RTP: answer where the peer's packets come from.
                    channel.latched = d.from;
                    channel.send_to = d.from;
                } else if (!same_source(*channel.latched, d.from)) {
                    continue;  // not our peer
                }
            }
            channel.last_heard = now;
            channel.timeout_reported = false;
            if (channel.remote && channel.remote->telephone_event &&
                packet.header.payload_type == *channel.remote->telephone_event) {
                if (auto event = parse_telephone_event(packet.payload)) {
                    channel.dtmf.on_event(packet.header.timestamp, *event);
                }
                while (auto digit = channel.dtmf.pop()) {
                    sink_(MediaEvent{MediaEvent::Kind::Dtmf, channel.id, digit->digit});
                }
                continue;
            }
            // Audio also tells the DTMF receiver that a key press is over, in case all three
            // of its end packets were lost.
            channel.dtmf.on_audio(packet.header.timestamp);
            channel.heard.push(packet.header, packet.payload,
                               channel.decoder ? channel.decoder->slice_bytes() : 0);
        }
        if (channel.remote && !channel.remote->receive) {
            channel.last_heard = now;  // silence was agreed on: the clock starts when it ends
        }
        if (!channel.timeout_reported && now - channel.last_heard > settings_.rtp_timeout) {
            channel.timeout_reported = true;
            sink_(MediaEvent{MediaEvent::Kind::RtpTimeout, channel.id});
        }
    }

    /// This tick's 20 ms from the peer into channel.input; false when there is none.
    bool decode(Channel& channel) {
        InboundFrame frame = channel.heard.next_frame(channel.decoder.get(), channel.input);
        if (frame == InboundFrame::Audio && channel.tones_in) {
            channel.tones_in->process(channel.input);
            while (auto digit = channel.tones_in->pop()) {
                sink_(MediaEvent{MediaEvent::Kind::Dtmf, channel.id, digit->digit,
                                 DtmfSource::InBand});
            }
        }
        return frame != InboundFrame::Silent;
    }

    void mix(Room& room) {
        static const Frame silence{};
        for (std::size_t i = 0; i < room.members.size(); ++i) {
            Channel* channel = find(room.members[i]);
            if (channel && channel->has_input) {
                room.mixer.put(ParticipantId{static_cast<std::uint32_t>(i)}, channel->input);
            }
        }
        room.mixer.mix();
        if (room.recorder) {
            Channel* left = find(room.members[0]);
            Channel* right = find(room.members[1]);
            bool hear = !room.recording_paused;
            (void)room.recorder->write(hear && left && left->has_input ? left->input : silence,
                                       hear && right && right->has_input ? right->input : silence);
        }
        for (std::size_t i = 0; i < room.members.size(); ++i) {
            Channel* channel = find(room.members[i]);
            if (channel && !channel->player) {  // a player (music on hold) speaks instead
                send(*channel, room.mixer.output(ParticipantId{static_cast<std::uint32_t>(i)}));
            }
        }
    }

    void send(Channel& channel, std::span<const std::int16_t> pcm) {
        if (!channel.remote || !channel.remote->send || !channel.encoder ||
            pcm.size() != kFrameSamples) {
            return;
        }
        channel.sent = true;
        std::optional<TelephoneEventPacket> event;
        if (channel.remote->telephone_event) {
            event = channel.digits_out.tick(channel.timestamp);
        }
        if (event) {
            // RFC 4733: the event replaces this tick's audio, in the same sequence space.
            std::array<std::uint8_t, kTelephoneEventBytes> payload{};
            (void)write_telephone_event(event->event, payload);
            channel.outbound.clear();
            send_packet(channel,
                        RtpHeader{event->marker, *channel.remote->telephone_event, channel.seq++,
                                  event->timestamp, channel.ssrc},
                        payload);
        } else {
            Frame tones{};
            if (channel.tones_out) {
                if (channel.tones_out->next_frame(tones)) {
                    pcm = tones;  // in-band digits replace what the channel would hear
                } else {
                    channel.tones_out.reset();
                }
            }
            // In packets of the peer's packet time: none, one or two leave this tick.
            channel.outbound.add(
                pcm.first<kFrameSamples>(), channel.timestamp,
                [&](std::span<const std::int16_t> packet, std::uint32_t at) {
                    std::array<std::uint8_t, OutboundAudio::kMaxPacketSamples> payload{};
                    std::size_t n = channel.encoder->encode(packet, payload);
                    send_packet(channel,
                                RtpHeader{false, channel.remote->payload_type, channel.seq++, at,
                                          channel.ssrc},
                                std::span(payload.data(), n));
                });
        }
        channel.timestamp += channel.encoder->timestamp_step();
    }

    void send_packet(Channel& channel, const RtpHeader& header,
                     std::span<const std::uint8_t> payload) {
        std::array<std::uint8_t, RtpSocket::kMaxDatagram> datagram{};
        std::size_t length = write_rtp(header, payload, datagram);
        std::array<std::span<const std::uint8_t>, 1> packets{std::span(datagram.data(), length)};
        channel.socket.send(packets, channel.send_to);
    }

    PortPool& ports_;
    const MediaSettings& settings_;
    MediaEngine::EventSink& sink_;
    std::mt19937 rng_;
    std::thread thread_;
    std::atomic<bool> stop_{false};
    std::atomic<std::size_t> count_{0};

    std::mutex mutex_;
    std::vector<Command> inbox_;
    std::vector<std::pair<ChannelId, RtpSocket>> arrivals_;

    std::map<ChannelId, Channel> channels_;
    std::map<std::uint64_t, Room> rooms_;
    std::map<ChannelId, std::uint64_t> room_of_;
    std::uint64_t next_room_ = 1;
    std::uint64_t ticks_ = 0;
};

struct MediaEngine::Impl {
    MediaSettings settings;
    EventSink sink;
    PortPool ports;
    std::vector<std::unique_ptr<Worker>> workers;
    std::mutex mutex;  // guards where_ and next_
    std::map<ChannelId, std::size_t> where;
    std::uint64_t next_id = 1;
    std::size_t next_worker = 0;

    Impl(MediaSettings s, EventSink k)
        : settings(std::move(s)), sink(std::move(k)), ports(settings.port_min, settings.port_max) {}

    Worker* worker_of(ChannelId id) {
        std::lock_guard lock{mutex};
        auto it = where.find(id);
        return it == where.end() ? nullptr : workers[it->second].get();
    }
};

Result<std::unique_ptr<MediaEngine>> MediaEngine::start(MediaSettings settings, EventSink sink) {
    if (settings.port_min >= settings.port_max) {
        return fail(Errc::InvalidArgument, "media.ports: the range is empty");
    }
    if (!sink) {
        sink = [](const MediaEvent&) {};
    }
    auto impl = std::make_unique<Impl>(std::move(settings), std::move(sink));
    int count = impl->settings.workers > 0
                    ? impl->settings.workers
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    for (int i = 0; i < count; ++i) {
        impl->workers.push_back(std::make_unique<Worker>(impl->ports, impl->settings, impl->sink));
    }
    return std::unique_ptr<MediaEngine>(new MediaEngine(std::move(impl)));
}

MediaEngine::MediaEngine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
MediaEngine::~MediaEngine() = default;

Result<MediaEngine::Opened> MediaEngine::open_channel(std::optional<ChannelId> near) {
    // Ports the OS refuses (taken by another program) are skipped, a few times over.
    for (int attempt = 0; attempt < 16; ++attempt) {
        auto port = impl_->ports.acquire();
        if (!port) {
            return fail(Errc::Unavailable, "media: no free RTP port in " +
                                               std::to_string(impl_->settings.port_min) + "-" +
                                               std::to_string(impl_->settings.port_max));
        }
        auto socket = RtpSocket::open(impl_->settings.address, *port);
        if (!socket) {
            continue;  // the port stays out of the pool: someone else holds it
        }
        std::lock_guard lock{impl_->mutex};
        ChannelId id{impl_->next_id++};
        // A channel joining another goes to that one's worker; new calls take turns, so that
        // the workers share the calls (not the legs: a call's legs are always together).
        auto joined = near ? impl_->where.find(*near) : impl_->where.end();
        std::size_t worker = joined != impl_->where.end()
                                 ? joined->second
                                 : impl_->next_worker++ % impl_->workers.size();
        impl_->where[id] = worker;
        impl_->workers[worker]->adopt(id, std::move(*socket));
        return Opened{id, *port};
    }
    return fail(Errc::Unavailable, "media: could not bind an RTP port");
}

void MediaEngine::set_remote(ChannelId channel, RemoteMedia remote) {
    if (Worker* w = impl_->worker_of(channel)) {
        w->post(SetRemote{channel, std::move(remote)});
    }
}

void MediaEngine::echo(ChannelId channel) {
    if (Worker* w = impl_->worker_of(channel)) {
        w->post(Echo{channel});
    }
}

void MediaEngine::bridge(ChannelId a, ChannelId b, std::optional<std::string> recording) {
    if (Worker* w = impl_->worker_of(a)) {
        w->post(Bridge{a, b, std::move(recording)});
    }
}

void MediaEngine::play(ChannelId channel, std::shared_ptr<const Prompt> prompt, bool loop,
                       std::uint64_t tag) {
    if (Worker* w = impl_->worker_of(channel)) {
        w->post(Play{channel, std::move(prompt), loop, tag});
    }
}

void MediaEngine::record(ChannelId channel, std::string path) {
    if (Worker* w = impl_->worker_of(channel)) {
        w->post(Record{channel, std::move(path)});
    }
}

void MediaEngine::unbridge(ChannelId channel) {
    if (Worker* w = impl_->worker_of(channel)) {
        w->post(Unbridge{channel});
    }
}

void MediaEngine::send_digits(ChannelId channel, std::string digits) {
    if (Worker* w = impl_->worker_of(channel)) {
        w->post(SendDigits{channel, std::move(digits)});
    }
}

void MediaEngine::pause_recording(ChannelId channel, bool paused) {
    if (Worker* w = impl_->worker_of(channel)) {
        w->post(PauseRecording{channel, paused});
    }
}

void MediaEngine::stop_playing(ChannelId channel) {
    if (Worker* w = impl_->worker_of(channel)) {
        w->post(Play{channel, nullptr, false});
    }
}

void MediaEngine::close(ChannelId channel) {
    Worker* w = impl_->worker_of(channel);
    if (!w) {
        return;
    }
    w->post(Close{channel});
    std::lock_guard lock{impl_->mutex};
    impl_->where.erase(channel);
}

const MediaSettings& MediaEngine::settings() const {
    return impl_->settings;
}

std::size_t MediaEngine::channels() const {
    std::size_t n = 0;
    for (const auto& w : impl_->workers) {
        n += w->size();
    }
    return n;
}

}  // namespace markaz::media
