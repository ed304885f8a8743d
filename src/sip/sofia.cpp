#include "sip/sofia.h"

#include <exception>

namespace markaz::sip::sofia {

namespace {

/// Runs `fn`; an exception goes to `on_error` with `where`, never further.
template <class Fn>
void guarded(const ErrorSink& on_error, const char* where, Fn&& fn) noexcept {
    try {
        fn();
    } catch (const std::exception& e) {
        if (on_error) {
            try {
                on_error(std::string(where) + " dropped: " + e.what());
            } catch (...) {
            }
        }
    } catch (...) {
        if (on_error) {
            try {
                on_error(std::string(where) + " dropped: unknown exception");
            } catch (...) {
            }
        }
    }
}

}  // namespace

std::unique_ptr<Root> Root::create() {
    su_root_t* root = su_root_create(nullptr);
    return root ? std::unique_ptr<Root>(new Root(root)) : nullptr;
}

Root::~Root() {
    su_root_destroy(root_);
}

namespace {

struct Posted {
    std::function<void()> fn;
    ErrorSink on_error;
};

}  // namespace

bool Root::post(std::function<void()> fn, ErrorSink on_error) const {
    su_msg_r msg = SU_MSG_R_INIT;
    if (su_msg_create(
            msg, su_root_task(root_), su_task_null,
            [](su_root_magic_t*, su_msg_r, su_msg_arg_t* arg) noexcept {
                auto*& posted = *reinterpret_cast<Posted**>(arg);
                guarded(posted->on_error, "posted work", [posted] { posted->fn(); });
                delete posted;
                posted = nullptr;  // the deinitializer runs after this
            },
            sizeof(Posted*)) != 0) {
        return false;
    }
    *reinterpret_cast<Posted**>(su_msg_data(msg)) = new Posted{std::move(fn), std::move(on_error)};
    su_msg_deinitializer(msg, [](su_msg_arg_t* arg) { delete *reinterpret_cast<Posted**>(arg); });
    su_msg_send(msg);
    return true;
}

RepeatingTimer::RepeatingTimer(Root& root, std::chrono::milliseconds period,
                               std::function<void()> tick, ErrorSink on_error)
    : timer_(su_timer_create(su_root_task(root.get()), static_cast<su_duration_t>(period.count()))),
      tick_(std::move(tick)),
      on_error_(std::move(on_error)) {
    if (timer_) {
        su_timer_run(timer_, &RepeatingTimer::fire, reinterpret_cast<su_timer_arg_t*>(this));
    }
}

RepeatingTimer::~RepeatingTimer() {
    if (timer_) {
        su_timer_destroy(timer_);
    }
}

void RepeatingTimer::fire(su_root_magic_t*, su_timer_t*, su_timer_arg_t* arg) noexcept {
    auto* self = reinterpret_cast<RepeatingTimer*>(arg);
    guarded(self->on_error_, "timer tick", [self] { self->tick_(); });
}

Nua::~Nua() {
    if (nua_) {
        nua_destroy(nua_);
    }
}

void Nua::on_event(nua_event_t event, int status, const char* /*phrase*/, nua_t* nua,
                   nua_magic_t* magic, nua_handle_t* nh, nua_hmagic_t* /*hmagic*/, const sip_t* sip,
                   tagi_t tags[]) noexcept {
    auto* self = reinterpret_cast<Nua*>(magic);
    std::string where = std::string("nua event ") + nua_event_name(event);
    guarded(self->on_error_, where.c_str(),
            [&] { self->handler_(event, status, nua, nh, sip, tags); });
}

}  // namespace markaz::sip::sofia
