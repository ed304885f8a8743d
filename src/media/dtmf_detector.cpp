#include "media/dtmf_detector.h"

#include <spandsp.h>

#include "common/check.h"
#include "media/codec.h"

namespace markaz::media {
namespace {

// spandsp reports digits twice: through this buffer callback and through the realtime one.
// Durations need the realtime one, so the buffered copy is dropped here.
void ignore_digits(void*, const char*, int) noexcept {}

}  // namespace

DtmfDetector::DtmfDetector() {
    state_ = dtmf_rx_init(nullptr, ignore_digits, nullptr);
    MARKAZ_CHECK(state_ != nullptr, "dtmf_rx_init: out of memory");
    dtmf_rx_set_realtime_callback(state_, &DtmfDetector::on_tone, this);
}

DtmfDetector::~DtmfDetector() {
    dtmf_rx_free(state_);
}

void DtmfDetector::on_tone(void* self, int code, int, int) noexcept {
    // Called from inside dtmf_rx() on this thread: `code` is the digit when a tone is
    // confirmed, 0 when it stops.
    auto* detector = static_cast<DtmfDetector*>(self);
    if (code != 0) {
        detector->digit_ = static_cast<char>(code);
        detector->digit_start_ = detector->samples_;
        return;
    }
    if (detector->digit_ != 0) {
        const std::uint64_t samples = detector->samples_ - detector->digit_start_;
        detector->queue_.push(
            DtmfEvent{detector->digit_, DtmfSource::InBand,
                      Duration{static_cast<Duration::rep>(samples * 1000 / kMixRate)}});
        detector->digit_ = 0;
    }
}

void DtmfDetector::process(std::span<const std::int16_t> samples) noexcept {
    dtmf_rx(state_, samples.data(), static_cast<int>(samples.size()));
    samples_ += samples.size();
}

}  // namespace markaz::media
