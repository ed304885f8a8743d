#include "media/media_engine.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <thread>
#include <time.h>
#include <vector>

#include "media/media_worker.h"
#include "media/port_pool.h"
#include "media/rtp_socket.h"

namespace markaz::media {

using namespace cmd;

namespace {

SteadyTime steady_now() {
    return std::chrono::time_point_cast<Duration>(std::chrono::steady_clock::now());
}

}  // namespace

/// A worker on a thread of its own, ticking every 20 ms on the monotonic clock (absolute
/// deadlines, so a late tick does not push the next ones back).
class WorkerThread {
public:
    WorkerThread(PortPool& ports, const MediaSettings& settings, const MediaEngine::EventSink& sink,
                 std::uint32_t seed)
        : worker_(ports, settings, sink, seed), thread_([this] { run(); }) {}
    ~WorkerThread() {
        stop_ = true;
        thread_.join();
    }
    MediaWorker& worker() { return worker_; }

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
            worker_.tick(steady_now());
        }
    }

    MediaWorker worker_;
    std::atomic<bool> stop_{false};
    std::thread thread_;  ///< last: it starts once the worker exists
};

struct MediaEngine::Impl {
    MediaSettings settings;
    EventSink sink;
    PortPool ports;
    std::vector<std::unique_ptr<WorkerThread>> workers;
    std::mutex mutex;  // guards where_ and next_
    std::map<ChannelId, std::size_t> where;
    std::uint64_t next_id = 1;
    std::size_t next_worker = 0;

    Impl(MediaSettings s, EventSink k)
        : settings(std::move(s)), sink(std::move(k)), ports(settings.port_min, settings.port_max) {}

    MediaWorker* worker_of(ChannelId id) {
        std::lock_guard lock{mutex};
        auto it = where.find(id);
        return it == where.end() ? nullptr : &workers[it->second]->worker();
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
    std::random_device seeds;
    for (int i = 0; i < count; ++i) {
        impl->workers.push_back(
            std::make_unique<WorkerThread>(impl->ports, impl->settings, impl->sink, seeds()));
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
        impl_->workers[worker]->worker().adopt(id, std::move(*socket));
        return Opened{id, *port};
    }
    return fail(Errc::Unavailable, "media: could not bind an RTP port");
}

void MediaEngine::set_remote(ChannelId channel, RemoteMedia remote) {
    if (MediaWorker* w = impl_->worker_of(channel)) {
        w->post(SetRemote{channel, std::move(remote)});
    }
}

void MediaEngine::echo(ChannelId channel) {
    if (MediaWorker* w = impl_->worker_of(channel)) {
        w->post(Echo{channel});
    }
}

void MediaEngine::bridge(ChannelId a, ChannelId b, std::optional<std::string> recording) {
    if (MediaWorker* w = impl_->worker_of(a)) {
        w->post(Bridge{a, b, std::move(recording)});
    }
}

void MediaEngine::play(ChannelId channel, std::shared_ptr<const Prompt> prompt, bool loop,
                       std::uint64_t tag) {
    if (MediaWorker* w = impl_->worker_of(channel)) {
        w->post(Play{channel, std::move(prompt), loop, tag});
    }
}

void MediaEngine::join(ChannelId member, ChannelId channel, std::vector<ChannelId> hears,
                       std::vector<ChannelId> heard_by) {
    Join join{member, channel, std::move(hears), std::move(heard_by)};
    MediaWorker* from = nullptr;
    MediaWorker* to = nullptr;
    {
        std::lock_guard lock{impl_->mutex};
        auto room = impl_->where.find(member);
        auto joining = impl_->where.find(channel);
        if (room == impl_->where.end() || joining == impl_->where.end()) {
            return;
        }
        to = &impl_->workers[room->second]->worker();
        from = &impl_->workers[joining->second]->worker();
        joining->second = room->second;  // what comes next for the channel goes there
    }
    if (from == to) {
        to->post(std::move(join));
    } else {
        // Opened on another worker (a call of its own that joins another's room): it moves,
        // and what comes for it meanwhile waits for it there.
        to->post(Arriving{channel});
        from->post(HandOver{to, std::move(join)});
    }
}

void MediaEngine::set_hearing(ChannelId listener, ChannelId source, bool hears) {
    if (MediaWorker* w = impl_->worker_of(listener)) {
        w->post(SetHearing{listener, source, hears});
    }
}

void MediaEngine::leave(ChannelId channel) {
    if (MediaWorker* w = impl_->worker_of(channel)) {
        w->post(Leave{channel});
    }
}

void MediaEngine::record(ChannelId channel, std::string path) {
    if (MediaWorker* w = impl_->worker_of(channel)) {
        w->post(Record{channel, std::move(path)});
    }
}

void MediaEngine::unbridge(ChannelId channel) {
    if (MediaWorker* w = impl_->worker_of(channel)) {
        w->post(Unbridge{channel});
    }
}

void MediaEngine::send_digits(ChannelId channel, std::string digits) {
    if (MediaWorker* w = impl_->worker_of(channel)) {
        w->post(SendDigits{channel, std::move(digits)});
    }
}

void MediaEngine::pause_recording(ChannelId channel, bool paused) {
    if (MediaWorker* w = impl_->worker_of(channel)) {
        w->post(PauseRecording{channel, paused});
    }
}

void MediaEngine::stop_playing(ChannelId channel) {
    if (MediaWorker* w = impl_->worker_of(channel)) {
        w->post(Play{channel, nullptr, false});
    }
}

void MediaEngine::close(ChannelId channel) {
    MediaWorker* w = impl_->worker_of(channel);
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
        n += w->worker().size();
    }
    return n;
}

RemoteMedia remote_media(const sdp::NegotiatedAudio& audio, std::string signalling_host) {
    return RemoteMedia{audio.remote_address,
                       audio.remote_port,
                       audio.codec,
                       audio.payload_type,
                       audio.telephone_event_payload_type,
                       audio.sends() && audio.remote_address != "0.0.0.0",
                       audio.receives(),
                       audio.ptime_ms,
                       std::move(signalling_host)};
}

}  // namespace markaz::media
