// Load for the HTTP API, in two processes (bench/web-load runs both; docs/performance.md
// has the figures):
//
//   api_load serve [--agents 1000] [--port 0] [--threads 2] [--occupancy 0.8] [--seed 1]
//       the real ApiServer over a simulated centre running in real time; prints the port and
//       a manager's API token, then a status line every 10 s, until SIGINT or SIGTERM
//   api_load clients --port P --token T [--count 500] [--seconds 30] [--settle 3]
//                    [--topics agents,queues,calls] [--server-pid PID] [--address 127.0.0.1]
//       WebSocket clients of /api/v1/events; reports what each received per second and the
//       server's CPU over the window

#include <charconv>
#include <cstdlib>
#include <iostream>
#include <map>
#include <pthread.h>
#include <signal.h>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "api/api_server.h"
#include "api_load_center.h"
#include "api_load_clients.h"

namespace markaz::bench {
namespace {

constexpr const char* kUsage =
    "usage: api_load serve [--agents N] [--port P] [--threads N] [--occupancy F] [--seed N]\n"
    "       api_load clients --port P --token T [--count N] [--seconds S] [--settle S]\n"
    "                        [--topics LIST] [--server-pid PID] [--address A]\n";

/// `--name value` pairs; the error names the option.
Result<std::map<std::string, std::string>> options_of(const std::vector<std::string>& args,
                                                      const std::vector<std::string>& known) {
    std::map<std::string, std::string> out;
    for (std::size_t i = 0; i < args.size(); i += 2) {
        const std::string& name = args[i];
        if (!name.starts_with("--") ||
            std::find(known.begin(), known.end(), name.substr(2)) == known.end()) {
            return fail(Errc::InvalidArgument, "unknown option '" + name + "'");
        }
        if (i + 1 == args.size()) {
            return fail(Errc::InvalidArgument, name + ": needs a value");
        }
        out[name.substr(2)] = args[i + 1];
    }
    return out;
}

Result<long> whole(const std::map<std::string, std::string>& options, const std::string& name,
                   long fallback, long min, long max) {
    auto it = options.find(name);
    if (it == options.end()) {
        return fallback;
    }
    long value = 0;
    const std::string& text = it->second;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < min || value > max) {
        return fail(Errc::InvalidArgument, "--" + name + ": '" + text +
                                               "' is not a whole number in " + std::to_string(min) +
                                               ".." + std::to_string(max));
    }
    return value;
}

Result<double> fraction(const std::map<std::string, std::string>& options, const std::string& name,
                        double fallback) {
    auto it = options.find(name);
    if (it == options.end()) {
        return fallback;
    }
    char* end = nullptr;
    const double value = std::strtod(it->second.c_str(), &end);
    if (end == it->second.c_str() || *end != '\0' || !(value > 0 && value < 1)) {
        return fail(Errc::InvalidArgument,
                    "--" + name + ": '" + it->second + "' is not a number between 0 and 1");
    }
    return value;
}

WallTime wall_now() {
    return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
}

/// One line on the centre now and the world since `since` (`before`: the counts then).
WorldCounts print_status(const SimCenter& center, std::chrono::steady_clock::time_point started,
                         std::chrono::steady_clock::time_point since, const WorldCounts& before) {
    const stats::LiveSnapshot live = center.live();
    const stats::AgentsByState& a = live.totals.agents;
    const WorldCounts counts = center.counts();
    const int working = a.logged_in() - a.paused - a.not_ready;
    const double occupancy =
        working > 0 ? 100.0 * (a.ringing + a.on_call + a.wrap_up) / working : 0.0;
    const auto now = std::chrono::steady_clock::now();
    const double period = std::chrono::duration<double>(now - since).count();
    auto rate = [period](std::int64_t n) { return static_cast<double>(n) / period; };
    std::cout << fmt::format(
                     "api_load: {:.0f} s: on call {}, ringing {}, wrap-up {}, available {}, "
                     "paused {} (occupancy {:.0f}%), waiting {}; {} {:.0f} s: {:.1f} calls/s, "
                     "{:.1f} answered/s, {} abandoned, {} breaks, {:.1f} events/s, {} world "
                     "actions overtaken",
                     std::chrono::duration<double>(now - started).count(), a.on_call, a.ringing,
                     a.wrap_up, a.available, a.paused, occupancy, live.totals.waiting,
                     since == started ? "the warm start and the first" : "the last", period,
                     rate(counts.arrivals - before.arrivals),
                     rate(counts.answered - before.answered), counts.abandoned - before.abandoned,
                     counts.breaks - before.breaks, rate(counts.events - before.events),
                     counts.overtaken - before.overtaken)
              << std::endl;
    return counts;
}

int serve(const std::map<std::string, std::string>& options) {
    auto agents = whole(options, "agents", 1000, 4, 100000);
    auto port = whole(options, "port", 0, 0, 65535);
    auto threads = whole(options, "threads", 2, 1, 64);
    auto seed = whole(options, "seed", 1, 0, std::numeric_limits<long>::max());
    auto occupancy = fraction(options, "occupancy", 0.8);
    for (const Error* e : {agents ? nullptr : &agents.error(), port ? nullptr : &port.error(),
                           threads ? nullptr : &threads.error(), seed ? nullptr : &seed.error(),
                           occupancy ? nullptr : &occupancy.error()}) {
        if (e != nullptr) {
            std::cerr << "api_load serve: " << e->message << '\n' << kUsage;
            return 2;
        }
    }
    // Blocked before any thread starts, so that every thread inherits the mask and only
    // sigtimedwait() below sees SIGINT and SIGTERM.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    auto center = SimCenter::create(
        CenterShape{static_cast<int>(*agents), *occupancy, static_cast<std::uint64_t>(*seed)});
    if (!center) {
        std::cerr << "api_load serve: " << center.error().message << '\n';
        return 2;
    }
    // One manager who signs in only with the token printed below.
    api::UserDirectory users;
    api::User bench{.username = "bench", .display_name = "api_load", .role = api::Role::Manager};
    bench.created_at = wall_now();
    if (auto added = users.add(std::move(bench)); !added) {
        std::cerr << "api_load serve: " << added.error().message << '\n';
        return 1;
    }
    api::AuditLog audit;
    api::ApiOptions api_options;
    api_options.port = static_cast<unsigned short>(*port);
    api_options.threads = static_cast<int>(*threads);
    api_options.log_error = [](const std::string& line) { std::cerr << line << std::endl; };
    api::ApiServer server(**center, users, audit, api_options);
    (*center)->start();
    try {
        server.start();
    } catch (const std::runtime_error& e) {
        std::cerr << "api_load serve: " << e.what() << '\n';
        return 1;
    }
    const api::NewToken token =
        *server.tokens().create("api_load", "bench", std::nullopt, wall_now());  // in memory
    std::cout << fmt::format("api_load: serving port={} token={} agents={} arrivals={:.2f}/s",
                             server.port(), token.secret, *agents, (*center)->arrival_rate())
              << std::endl;

    // The first period includes the warm start (every login and the callers put through).
    const auto started = std::chrono::steady_clock::now();
    auto since = started;
    WorldCounts before;
    const timespec every{10, 0};
    while (true) {
        const int signal = sigtimedwait(&stop_signals, nullptr, &every);
        if (signal == SIGINT || signal == SIGTERM) {
            break;
        }
        before = print_status(**center, started, since, before);
        since = std::chrono::steady_clock::now();
    }
    server.stop();
    (*center)->stop();
    print_status(**center, started, started, WorldCounts{});
    return 0;
}

int clients(const std::map<std::string, std::string>& options) {
    auto port = whole(options, "port", 0, 1, 65535);
    auto count = whole(options, "count", 500, 1, 100000);
    auto window = whole(options, "seconds", 30, 1, 3600);
    auto settle = whole(options, "settle", 3, 0, 3600);
    auto pid = whole(options, "server-pid", 0, 0, std::numeric_limits<int>::max());
    for (const Error* e : {port ? nullptr : &port.error(), count ? nullptr : &count.error(),
                           window ? nullptr : &window.error(), settle ? nullptr : &settle.error(),
                           pid ? nullptr : &pid.error()}) {
        if (e != nullptr) {
            std::cerr << "api_load clients: " << e->message << '\n' << kUsage;
            return 2;
        }
    }
    if (!options.contains("port") || !options.contains("token")) {
        std::cerr << "api_load clients: --port and --token are required\n" << kUsage;
        return 2;
    }
    ClientsOptions o;
    o.port = static_cast<unsigned short>(*port);
    o.token = options.at("token");
    o.count = static_cast<int>(*count);
    o.window = std::chrono::seconds(*window);
    o.settle = std::chrono::seconds(*settle);
    if (options.contains("topics")) {
        o.topics = options.at("topics");
    }
    if (options.contains("address")) {
        o.address = options.at("address");
    }
    if (*pid > 0) {
        o.server_pid = static_cast<int>(*pid);
    }
    return run_clients(o, std::cout);
}

}  // namespace
}  // namespace markaz::bench

int main(int argc, char** argv) {
    using namespace markaz::bench;
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::cerr << kUsage;
        return 2;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args[0] == "serve") {
        auto options = options_of(rest, {"agents", "port", "threads", "occupancy", "seed"});
        if (!options) {
            std::cerr << "api_load serve: " << options.error().message << '\n' << kUsage;
            return 2;
        }
        return serve(*options);
    }
    if (args[0] == "clients") {
        auto options = options_of(rest, {"port", "token", "count", "seconds", "settle", "topics",
                                         "server-pid", "address"});
        if (!options) {
            std::cerr << "api_load clients: " << options.error().message << '\n' << kUsage;
            return 2;
        }
        return clients(*options);
    }
    std::cerr << kUsage;
    return 2;
}
