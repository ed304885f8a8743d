// `markaz loadgen`: real SIP and RTP load against a running Markaz (see docs/performance.md).
// It registers a block of extensions, calls them through a trunk at a steady rate with audio
// both ways, and reports call setups per second, frame loss and jitter through the switch,
// and the server's CPU and memory per call.

#include <algorithm>
#include <functional>
#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/options.h"
#include "loadgen/call_load.h"

namespace markaz::cli {

namespace {

constexpr const char* kLoadgenUsage =
    "usage: markaz loadgen [--server 127.0.0.1:5060] [--address 127.0.0.1] [--sip-port 5070]\n"
    "                      [--rtp-port 40000] [--rtp-sockets 8] [--extensions 3001-3100]\n"
    "                      [--password-prefix secret] [--digest MD5|SHA-256]\n"
    "                      [--calls N] [--rate 50] [--concurrent N] [--hold 10s]\n"
    "                      [--dial NUMBER[,NUMBER...]] [--digits D]\n"
    "                      [--server-pid PID] [--progress] [--json]\n"
    "  Markaz must trust ADDRESS:SIP-PORT as a trunk and know the extensions.\n"
    "  --calls 0 only registers (and unregisters) the extensions.\n"
    "  --dial calls the NUMBERs in turn (queues, IVRs) instead of the extensions, which answer as\n"
    "  agents' phones; --digits are sent as SIP INFO a second after Markaz answers.\n";

Result<loadgen::LoadSettings> settings_from(const Options& options) {
    loadgen::LoadSettings s;
    auto text = [&](const char* option, std::string& field) {
        if (options.has(option)) {
            field = options.values.at(option);
        }
    };
    text("--server", s.server);
    text("--address", s.address);
    text("--password-prefix", s.password_prefix);
    // Whole-number options: option, field setter, range.
    struct Whole {
        const char* option;
        long min;
        long max;
        std::function<void(long)> set;
    };
    const Whole wholes[] = {
        {"--sip-port", 1, 65535, [&](long v) { s.sip_port = static_cast<std::uint16_t>(v); }},
        {"--rtp-port", 1, 65534, [&](long v) { s.rtp_port = static_cast<std::uint16_t>(v); }},
        {"--rtp-sockets", 1, 1024, [&](long v) { s.rtp_sockets = static_cast<int>(v); }},
        {"--calls", 0, 10'000'000, [&](long v) { s.calls = static_cast<int>(v); }},
        {"--concurrent", 0, 1'000'000, [&](long v) { s.concurrent = static_cast<int>(v); }},
        {"--server-pid", 1, 1L << 30, [&](long v) { s.server_pid = static_cast<int>(v); }},
    };
    for (const Whole& w : wholes) {
        if (options.has(w.option)) {
            auto value = whole_option(w.option, options.values.at(w.option), w.min, w.max);
            if (!value) {
                return fail(value.error());
            }
            w.set(*value);
        }
    }
    if (options.has("--extensions")) {
        // "3001-3100": a block of consecutive numbers.
        const std::string& range = options.values.at("--extensions");
        auto dash = range.find('-');
        auto first = whole_option("--extensions", range.substr(0, dash), 1, 999'999'999);
        auto last = dash == std::string::npos
                        ? first
                        : whole_option("--extensions", range.substr(dash + 1), 1, 999'999'999);
        if (!first || !last || *last < *first) {
            return fail(Errc::InvalidArgument,
                        "--extensions: expected a range like 3001-3100, got '" + range + "'");
        }
        s.first_extension = static_cast<std::uint32_t>(*first);
        s.extensions = static_cast<int>(*last - *first + 1);
    }
    if (options.has("--digest")) {
        auto algorithm = sip::kDigestAlgorithmNames.parse(options.values.at("--digest"));
        if (!algorithm) {
            return fail(Errc::InvalidArgument, "--digest: expected MD5 or SHA-256, got '" +
                                                   options.values.at("--digest") + "'");
        }
        s.digest = *algorithm;
    }
    if (options.has("--rate")) {
        auto rate = number_option("--rate", options.values.at("--rate"));
        if (!rate || !(*rate > 0)) {
            return fail(Errc::InvalidArgument, "--rate: expected calls per second above 0, got '" +
                                                   options.values.at("--rate") + "'");
        }
        s.rate = *rate;
    }
    if (options.has("--dial")) {
        // "100,200": the numbers are called in turn.
        std::string list = options.values.at("--dial") + ",";
        for (std::size_t at = 0, comma; (comma = list.find(',', at)) != std::string::npos;
             at = comma + 1) {
            std::string number = list.substr(at, comma - at);
            if (number.empty() || number.find_first_not_of("0123456789*#") != std::string::npos) {
                return fail(Errc::InvalidArgument,
                            "--dial: expected numbers like 200 or 100,200, got '" +
                                options.values.at("--dial") + "'");
            }
            s.dial.push_back(number);
        }
    }
    if (options.has("--digits")) {
        s.digits = options.values.at("--digits");
        if (s.digits.empty() || s.digits.find_first_not_of("0123456789*#") != std::string::npos) {
            return fail(Errc::InvalidArgument,
                        "--digits: expected DTMF digits like 1, got '" + s.digits + "'");
        }
    }
    if (options.has("--hold")) {
        auto hold = duration_option("--hold", options.values.at("--hold"));
        if (!hold) {
            return fail(hold.error());
        }
        s.hold = *hold;
    }
    s.progress = options.flags.contains("--progress");
    return s;
}

nlohmann::ordered_json status_counts(const std::map<int, int>& counts) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (auto [status, count] : counts) {
        out[std::to_string(status)] = count;
    }
    return out;
}

void print_json(std::ostream& out, const loadgen::LoadReport& r) {
    nlohmann::ordered_json doc{
        {"registered", r.registered},
        {"register_failures", status_counts(r.register_failures)},
        {"unregistered", r.unregistered},
        {"placed", r.placed},
        {"answered", r.answered},
        {"delivered", r.delivered},
        {"call_failures", status_counts(r.call_failures)},
        {"unfinished", r.unfinished},
        {"setups_per_second", r.setups_per_second},
        {"setup_ms", {{"p50", r.setup_ms_p50}, {"p99", r.setup_ms_p99}, {"max", r.setup_ms_max}}},
        {"peak_calls", r.peak_calls},
        {"media",
         {{"legs", r.media.legs},
          {"packets_sent", r.media.packets_sent},
          {"packets_received", r.media.packets_received},
          {"frames_expected", r.media.frames_expected},
          {"frames_received", r.media.frames_received},
          {"loss_percent", r.loss_percent},
          {"jitter_ms",
           {{"mean", r.jitter_ms_mean}, {"p99", r.jitter_ms_p99}, {"max", r.jitter_ms_max}}},
          {"loadgen_late_ticks", r.media.late_ticks},
          {"loadgen_ticks", r.media.ticks}}},
    };
    if (r.usage) {
        const auto& u = *r.usage;
        doc["server"] = {{"window_s", u.window_seconds},
                         {"calls", u.calls},
                         {"cores", u.cores},
                         {"cpu_percent_of_core_per_call", 100 * u.cores_per_call()},
                         {"rss_before_bytes", u.rss_before},
                         {"rss_peak_bytes", u.rss_peak},
                         {"bytes_per_call", u.bytes_per_call()},
                         {"loadgen_cores", u.loadgen_cores}};
    }
    out << doc.dump(2) << '\n';
}

void print_text(std::ostream& out, const loadgen::LoadReport& r) {
    out << fmt::format("registered {} extensions", r.registered);
    for (auto [status, count] : r.register_failures) {
        out << fmt::format(", {} refused with {}", count, status);
    }
    out << fmt::format(", {} unregistered\n", r.unregistered);
    if (r.placed == 0) {
        return;
    }
    out << fmt::format(
        "calls: {} placed, {} answered, {} put through to our extensions, {} at "
        "most at once",
        r.placed, r.answered, r.delivered, r.peak_calls);
    for (auto [status, count] : r.call_failures) {
        out << fmt::format(", {} failed with {}", count, status);
    }
    if (r.unfinished) {
        out << fmt::format(", {} never finished", r.unfinished);
    }
    out << '\n';
    out << fmt::format(
        "setups: {:.1f} per second; INVITE to 200 OK p50 {:.1f} ms, p99 {:.1f} ms, "
        "max {:.1f} ms\n",
        r.setups_per_second, r.setup_ms_p50, r.setup_ms_p99, r.setup_ms_max);
    out << fmt::format(
        "audio: {} legs, {} packets sent, {} received; frames lost through Markaz "
        "{:.3f}% ({} of {})\n",
        r.media.legs, r.media.packets_sent, r.media.packets_received, r.loss_percent,
        r.media.frames_expected - r.media.frames_received, r.media.frames_expected);
    out << fmt::format(
        "jitter (RFC 3550) of Markaz's streams: mean {:.2f} ms, p99 {:.2f} ms, max "
        "{:.2f} ms; load generator late on {} of {} ticks\n",
        r.jitter_ms_mean, r.jitter_ms_p99, r.jitter_ms_max, r.media.late_ticks, r.media.ticks);
    if (r.usage) {
        const auto& u = *r.usage;
        out << fmt::format(
            "server over {:.0f} s with {:.0f} calls up: {:.2f} cores ({:.3f}% of a "
            "core per call), RSS {:.1f} -> {:.1f} MiB ({:.1f} KiB per call); "
            "load generator {:.2f} cores\n",
            u.window_seconds, u.calls, u.cores, 100 * u.cores_per_call(),
            static_cast<double>(u.rss_before) / 1048576.0,
            static_cast<double>(u.rss_peak) / 1048576.0, u.bytes_per_call() / 1024,
            u.loadgen_cores);
    }
}

}  // namespace

int run_loadgen(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    auto options =
        read_options(args,
                     {"--server", "--address", "--sip-port", "--rtp-port", "--rtp-sockets",
                      "--extensions", "--password-prefix", "--digest", "--calls", "--rate",
                      "--concurrent", "--hold", "--server-pid", "--dial", "--digits"},
                     {"--progress", "--json"});
    auto settings =
        options ? settings_from(*options) : Result<loadgen::LoadSettings>(fail(options.error()));
    if (!settings) {
        err << "markaz loadgen: " << settings.error().message << '\n' << kLoadgenUsage;
        return 2;
    }
    auto report = loadgen::run_load(*settings, err);
    if (!report) {
        err << "markaz loadgen: " << report.error().message << '\n';
        return 1;
    }
    if (options->flags.contains("--json")) {
        print_json(out, *report);
    } else {
        print_text(out, *report);
    }
    bool all_registered =
        report->register_failures.empty() && report->unregistered == report->registered;
    bool all_answered = report->answered == report->placed && report->unfinished == 0 &&
                        (settings->dial.empty() || report->delivered == report->placed);
    return all_registered && all_answered ? 0 : 1;
}

}  // namespace markaz::cli
