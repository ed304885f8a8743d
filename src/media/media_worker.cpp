#include "media/media_worker.h"

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <utility>
#include <vector>

#include "media/room.h"
#include "media/rtp_packet.h"
#include "media/telephone_event.h"
#include "media/wav_recorder.h"
#include "media/worker_channel.h"

namespace markaz::media {

using namespace cmd;

namespace {

constexpr std::uint64_t kTicksPerSecond = 1000 / kFrameMs;

sockaddr_in to_sockaddr(const std::string& address, std::uint16_t port) {
    sockaddr_in out{};
    out.sin_family = AF_INET;
    out.sin_port = htons(port);
    inet_pton(AF_INET, address.c_str(), &out.sin_addr);
    return out;
}

}  // namespace

struct MediaWorker::Impl {
    Impl(PortPool& ports, const MediaSettings& settings, const MediaEngine::EventSink& sink,
         std::uint32_t seed)
        : ports_(ports), settings_(settings), sink_(sink), rng_(seed) {}
    ~Impl() {
        for (auto& [id, room] : rooms_) {
            room.close_recording();
        }
        for (auto& [id, channel] : channels_) {
            ports_.release(channel.socket.port());
        }
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

    void tick(SteadyTime now) {
        take_commands(now);
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

    void take_commands(SteadyTime now) {
        std::vector<Command> commands;
        std::vector<std::pair<ChannelId, RtpSocket>> arrivals;
        std::vector<Channel> handed;
        {
            std::lock_guard lock{mutex_};
            commands.swap(inbox_);
            arrivals.swap(arrivals_);
            handed.swap(handed_in_);
        }
        for (Channel& channel : handed) {  // before the commands, which may name them
            const ChannelId id = channel.id;
            channels_.emplace(id, std::move(channel));
        }
        for (auto& [id, socket] : arrivals) {
            Channel channel{id, std::move(socket)};
            channel.ssrc = static_cast<std::uint32_t>(rng_());
            channel.seq = static_cast<std::uint16_t>(rng_());
            channel.timestamp = static_cast<std::uint32_t>(rng_());
            channel.last_heard = now;
            channels_.emplace(id, std::move(channel));
        }
        for (auto& command : commands) {
            run(command);
        }
        count_ = channels_.size();
    }

    /// Applies `command`; while a channel is on its way here (cmd::Arriving), the commands
    /// after it wait for its Join and then run in order, as if it had been here all along.
    void run(Command& command) {
        const auto* join = std::get_if<Join>(&command);
        const bool arrives = join && arriving_.erase(join->channel) > 0;
        if (!arrives && !arriving_.empty()) {
            held_.push_back(std::move(command));
            return;
        }
        if (const auto* arriving = std::get_if<Arriving>(&command)) {
            arriving_.insert(arriving->channel);
            return;
        }
        std::visit([this](auto& c) { apply(c); }, command);
        if (arrives && arriving_.empty()) {
            std::vector<Command> held = std::exchange(held_, {});
            for (Command& next : held) {
                run(next);
            }
        }
    }
    void apply(Arriving&) {}

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
        if (!channel->remote || channel->remote->address != c.remote.address ||
            channel->remote->port != c.remote.port ||
            channel->remote->signalling_host != c.remote.signalling_host) {
            // A new address (re-INVITE): learn its source again.
            channel->latch.expect(to_sockaddr(c.remote.address, c.remote.port),
                                  to_sockaddr(c.remote.signalling_host, 0).sin_addr.s_addr);
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
        if (!find(c.a) || !find(c.b) || room_of_.contains(c.b)) {
            return;
        }
        // `a` kept its room after its other party left (a transferred caller): `b` joins it
        // and the recording goes on.
        auto existing = room_of_.find(c.a);
        const std::uint64_t room_id = existing != room_of_.end() ? existing->second : next_room_++;
        Room& room = rooms_.try_emplace(room_id, c.a).first->second;
        const std::array<ChannelId, 1> other{c.a};
        if (!room.join(c.b, other, other)) {
            return;
        }
        if (c.recording && !room.recording()) {
            if (auto recorder = WavRecorder::create(*c.recording, recorder_options())) {
                room.record(std::move(*recorder));
            }
        }
        room_of_[c.a] = room_id;
        room_of_[c.b] = room_id;
    }
    void apply(Join& c) {
        Room* room = room_of(c.member);
        if (!room || !find(c.channel) || room_of_.contains(c.channel)) {
            return;
        }
        if (room->join(c.channel, c.hears, c.heard_by)) {
            room_of_[c.channel] = room_of_[c.member];
        }
    }
    void apply(SetHearing& c) {
        if (Room* room = room_of(c.listener)) {
            (void)room->set_hearing(c.listener, c.source, c.hears);
        }
    }
    void apply(Leave& c) { leave_room(c.channel); }
    Room* room_of(ChannelId channel) {
        auto r = room_of_.find(channel);
        return r == room_of_.end() ? nullptr : &rooms_.at(r->second);
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
        Room* room = room_of(c.channel);
        if (!room || room->recording()) {
            return;
        }
        if (auto recorder = WavRecorder::create(c.path, recorder_options())) {
            room->record(std::move(*recorder));
        }
    }
    WavRecorderOptions recorder_options() const {
        WavRecorderOptions options;
        options.key = settings_.recording_key;
        return options;
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
        if (Room* room = room_of(c.channel)) {
            room->pause_recording(c.paused);
        }
    }
    /// Ends the room `channel` is in: its recording completes, its members stay open.
    void dissolve_room_of(ChannelId channel) {
        auto r = room_of_.find(channel);
        if (r == room_of_.end()) {
            return;
        }
        std::uint64_t room_id = r->second;
        Room& room = rooms_.at(room_id);
        room.close_recording();
        for (ChannelId member : room.members()) {
            room_of_.erase(member);
        }
        rooms_.erase(room_id);
    }
    /// `channel` leaves its room; a room with one member left ends (a call's last leg),
    /// unless it is recorded and that member is its first (the caller): a transferred caller
    /// waits for the next agent in it, and the one recording keeps the whole call.
    void leave_room(ChannelId channel) {
        Room* room = room_of(channel);
        if (!room) {
            return;
        }
        const bool caller_stays =
            room->recording() && channel != room->first() && room->has(room->first());
        if (room->size() <= 2 && !caller_stays) {
            dissolve_room_of(channel);
            return;
        }
        (void)room->leave(channel);
        room_of_.erase(channel);
    }
    void apply(HandOver& c) {
        leave_room(c.join.channel);
        auto node = channels_.extract(c.join.channel);
        if (c.to == nullptr) {
            return;
        }
        Impl& to = *c.to->impl_;
        std::lock_guard lock{to.mutex_};
        if (!node.empty()) {  // else closed since: the Join still ends the wait there
            to.handed_in_.push_back(std::move(node.mapped()));
        }
        to.inbox_.emplace_back(std::move(c.join));
    }
    void apply(Close& c) {
        leave_room(c.channel);
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
            if (!channel.remote ||
                !channel.latch.accept(d.from, packet.header.ssrc, packet.header.sequence)) {
                continue;  // no peer yet, or not our peer
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
        room.mix([this](ChannelId id) {
            Channel* channel = find(id);
            return channel && channel->has_input ? std::span<const std::int16_t>(channel->input)
                                                 : std::span<const std::int16_t>{};
        });
        for (ChannelId id : room.members()) {
            Channel* channel = find(id);
            if (channel && !channel->player) {  // a player (music on hold) speaks instead
                send(*channel, room.output(id));
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
        channel.socket.send(packets, channel.latch.send_to());
    }

    PortPool& ports_;
    const MediaSettings& settings_;
    const MediaEngine::EventSink& sink_;
    std::mt19937 rng_;
    std::atomic<std::size_t> count_{0};

    std::mutex mutex_;
    std::vector<Command> inbox_;
    std::vector<std::pair<ChannelId, RtpSocket>> arrivals_;
    std::vector<Channel> handed_in_;  ///< channels another worker handed over (HandOver)
    /// Channels on their way here (cmd::Arriving), and the commands given since, waiting.
    std::set<ChannelId> arriving_;
    std::vector<Command> held_;

    std::map<ChannelId, Channel> channels_;
    std::map<std::uint64_t, Room> rooms_;
    std::map<ChannelId, std::uint64_t> room_of_;
    std::uint64_t next_room_ = 1;
    std::uint64_t ticks_ = 0;
};

MediaWorker::MediaWorker(PortPool& ports, const MediaSettings& settings,
                         const MediaEngine::EventSink& sink, std::uint32_t seed)
    : impl_(std::make_unique<Impl>(ports, settings, sink, seed)) {}
MediaWorker::~MediaWorker() = default;

void MediaWorker::post(cmd::Command command) {
    impl_->post(std::move(command));
}
void MediaWorker::adopt(ChannelId id, RtpSocket socket) {
    impl_->adopt(id, std::move(socket));
}
std::size_t MediaWorker::size() const {
    return impl_->size();
}
void MediaWorker::tick(SteadyTime now) {
    impl_->tick(now);
}

}  // namespace markaz::media
