#include "reports/report_schedule.h"

#include <charconv>

namespace markaz::reports {
namespace {

/// Longer than any month, so the period before any instant starts after this far back.
constexpr Duration kLookBack = std::chrono::hours(24 * 40);

Grain grain_of(Frequency frequency) {
    switch (frequency) {
        case Frequency::Daily:
            return Grain::Day;
        case Frequency::Weekly:
            return Grain::Week;
        case Frequency::Monthly:
            return Grain::Month;
    }
    return Grain::Day;
}

/// Each period of the schedule holding [from, to], with the time its report is due.
std::vector<DueSend> candidates(const ScheduleTiming& timing, WallTime from, WallTime to,
                                const ZoneOffsets& zone) {
    PeriodRequest request;
    request.from = from;
    request.to = to + std::chrono::milliseconds{1};
    request.grain = grain_of(timing.frequency);
    request.calendar = timing.calendar;
    auto cut = periods(request, zone);
    std::vector<DueSend> out;
    if (!cut) {
        return out;  // only a range over kMaxPeriods fails, and callers bound theirs
    }
    for (const Period& p : *cut) {
        out.push_back({zone.first_at_or_after(zone.local(p.to) + timing.at), p.from, p.to});
    }
    return out;
}

}  // namespace

std::string_view frequency_name(Frequency frequency) {
    switch (frequency) {
        case Frequency::Daily:
            return "daily";
        case Frequency::Weekly:
            return "weekly";
        case Frequency::Monthly:
            return "monthly";
    }
    return "daily";
}

Result<Frequency> parse_frequency(std::string_view text) {
    for (Frequency f : {Frequency::Daily, Frequency::Weekly, Frequency::Monthly}) {
        if (text == frequency_name(f)) {
            return f;
        }
    }
    return fail(Errc::InvalidArgument, "must be daily, weekly or monthly");
}

Result<std::chrono::minutes> parse_time_of_day(std::string_view text) {
    auto number = [&](std::size_t at, int top) -> int {
        int value = -1;
        const char* begin = text.data() + at;
        auto [end, ec] = std::from_chars(begin, begin + 2, value);
        return ec == std::errc{} && end == begin + 2 && value <= top ? value : -1;
    };
    if (text.size() != 5 || text[2] != ':' || text[0] == '-' || text[3] == '-') {
        return fail(Errc::InvalidArgument, "must be a time of day as HH:MM, 00:00 to 23:59");
    }
    const int hours = number(0, 23);
    const int minutes = number(3, 59);
    if (hours < 0 || minutes < 0) {
        return fail(Errc::InvalidArgument, "must be a time of day as HH:MM, 00:00 to 23:59");
    }
    return std::chrono::minutes{hours * 60 + minutes};
}

std::string time_of_day_text(std::chrono::minutes at) {
    const auto h = at.count() / 60;
    const auto m = at.count() % 60;
    return std::string(1, static_cast<char>('0' + h / 10)) + static_cast<char>('0' + h % 10) + ":" +
           static_cast<char>('0' + m / 10) + static_cast<char>('0' + m % 10);
}

std::vector<DueSend> dues_between(const ScheduleTiming& timing, WallTime after, WallTime until,
                                  const ZoneOffsets& zone) {
    std::vector<DueSend> out;
    if (until <= after) {
        return out;
    }
    for (const DueSend& send : candidates(timing, after - kLookBack, until, zone)) {
        if (send.due > after && send.due <= until) {
            out.push_back(send);
        }
    }
    return out;
}

DueSend next_due(const ScheduleTiming& timing, WallTime after, const ZoneOffsets& zone) {
    // The period holding `after` is due at its end or later, so one is always found.
    for (const DueSend& send : candidates(timing, after - kLookBack, after, zone)) {
        if (send.due > after) {
            return send;
        }
    }
    return candidates(timing, after, after, zone).back();
}

DueSend latest_finished(const ScheduleTiming& timing, WallTime now, const ZoneOffsets& zone) {
    DueSend latest{};
    for (const DueSend& send : candidates(timing, now - kLookBack, now, zone)) {
        if (send.to <= now) {
            latest = send;
        }
    }
    latest.due = now;
    return latest;
}

PeriodRequest report_request(const ScheduleTiming& timing, const DueSend& send) {
    PeriodRequest request;
    request.from = send.from;
    request.to = send.to;
    request.calendar = timing.calendar;
    request.grain = timing.frequency == Frequency::Daily ? Grain::Interval : Grain::Day;
    request.interval = std::chrono::minutes{60};
    return request;
}

}  // namespace markaz::reports
