#include "loadgen/process_usage.h"

#include <fstream>
#include <sstream>
#include <string>
#include <time.h>
#include <unistd.h>

namespace markaz::loadgen {

std::optional<ProcessSample> sample_process(int pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line)) {
        return std::nullopt;
    }
    // The command name (field 2) may hold spaces; fields are counted after its ')'.
    auto close = line.rfind(')');
    if (close == std::string::npos) {
        return std::nullopt;
    }
    std::istringstream fields(line.substr(close + 2));
    std::string field;
    double utime = 0;
    double stime = 0;
    long rss_pages = 0;
    // After ')': state is field 3; utime 14, stime 15, rss 24 (proc(5)).
    for (int index = 3; fields >> field; ++index) {
        if (index == 14) {
            utime = std::stod(field);
        } else if (index == 15) {
            stime = std::stod(field);
        } else if (index == 24) {
            rss_pages = std::stol(field);
            break;
        }
    }
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    auto ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    return ProcessSample{
        (utime + stime) / ticks,
        static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9,
        static_cast<std::uint64_t>(rss_pages) * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE))};
}

double cores_used(const ProcessSample& from, const ProcessSample& to) {
    double wall = to.wall_seconds - from.wall_seconds;
    return wall > 0 ? (to.cpu_seconds - from.cpu_seconds) / wall : 0;
}

}  // namespace markaz::loadgen
