#pragma once

// sofia-sip's objects owned RAII-style: the su_root event loop, repeating timers and the nua
// stack. Each C callback goes through a noexcept trampoline: nothing may unwind through
// sofia's C frames, so an exception is caught there and reported. Used by the SIP server and
// the load generator (the only places that talk to sofia-sip).

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <utility>

#include <sofia-sip/nua.h>
#include <sofia-sip/su_wait.h>

namespace markaz::sip::sofia {

/// What a trampoline does with an exception that reached it (the message says where).
using ErrorSink = std::function<void(const std::string&)>;

/// An su_root event loop. Create, run and destroy it on one thread (sofia's rule).
class Root {
public:
    /// nullptr when sofia cannot make one (out of memory, no su_init on this thread).
    static std::unique_ptr<Root> create();
    ~Root();
    Root(const Root&) = delete;
    Root& operator=(const Root&) = delete;

    su_root_t* get() const { return root_; }
    /// Runs the loop until stop() (from a callback on this loop).
    void run() { su_root_run(root_); }
    void stop() { su_root_break(root_); }

    /// Runs `fn` on the loop's thread later, without waiting (an su_msg); callable from any
    /// thread. An exception from `fn` goes to `on_error`. A message the loop never delivers
    /// (it stopped first) frees `fn` when sofia destroys it. False when sofia could not make
    /// the message (out of memory): `fn` will not run.
    bool post(std::function<void()> fn, ErrorSink on_error = {}) const;

    /// Runs `fn` on the loop's thread and waits for what it returns; a default R when it
    /// could not run (no message, the loop stopped first, or it threw).
    template <class Fn>
    auto run_and_wait(Fn fn) const -> decltype(fn()) {
        using R = decltype(fn());
        auto done = std::make_shared<std::promise<R>>();
        std::future<R> result = done->get_future();
        if (!post([fn = std::move(fn), done] { done->set_value(fn()); })) {
            return R{};
        }
        try {
            return result.get();
        } catch (const std::future_error&) {  // dropped without running: broken promise
            return R{};
        }
    }

private:
    explicit Root(su_root_t* root) : root_(root) {}
    su_root_t* root_;
};

/// Calls `tick` every `period` on the root's thread until destroyed (su_timer_run; a timer
/// set with su_timer_set_interval would fire once).
class RepeatingTimer {
public:
    RepeatingTimer(Root& root, std::chrono::milliseconds period, std::function<void()> tick,
                   ErrorSink on_error = {});
    ~RepeatingTimer();
    RepeatingTimer(const RepeatingTimer&) = delete;
    RepeatingTimer& operator=(const RepeatingTimer&) = delete;

private:
    static void fire(su_root_magic_t*, su_timer_t*, su_timer_arg_t* arg) noexcept;
    su_timer_t* timer_ = nullptr;
    std::function<void()> tick_;
    ErrorSink on_error_;
};

/// Owns one nua handle and destroys it (nua_handle_destroy) when done with, on the root's
/// thread and before the Nua it belongs to.
class Handle {
public:
    Handle() = default;
    explicit Handle(nua_handle_t* nh) : nh_(nh) {}
    ~Handle() { reset(); }
    Handle(Handle&& other) noexcept : nh_(std::exchange(other.nh_, nullptr)) {}
    Handle& operator=(Handle&& other) noexcept {
        if (this != &other) {
            reset();
            nh_ = std::exchange(other.nh_, nullptr);
        }
        return *this;
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;

    nua_handle_t* get() const { return nh_; }
    void reset() {
        if (nh_) {
            nua_handle_destroy(std::exchange(nh_, nullptr));
        }
    }
    /// Lets go without destroying: for a stack already shut down, whose nua_destroy frees
    /// every handle left.
    nua_handle_t* release() { return std::exchange(nh_, nullptr); }

private:
    nua_handle_t* nh_ = nullptr;
};

/// A nua user agent on a root: its events go to `handler`. To end it, shutdown() and keep
/// the root running until nua_r_shutdown arrives with a final status; then destroy it
/// (nua_destroy), before the root.
class Nua {
public:
    using Handler = std::function<void(nua_event_t event, int status, nua_t* nua, nua_handle_t* nh,
                                       const sip_t* sip, tagi_t tags[])>;

    /// nua_create with `tags` (TAG_END() is added); nullptr when nua cannot start (most
    /// often: the address is not available).
    template <class... Tags>
    static std::unique_ptr<Nua> create(Root& root, Handler handler, ErrorSink on_error,
                                       Tags... tags) {
        std::unique_ptr<Nua> nua{new Nua(std::move(handler), std::move(on_error))};
        nua->nua_ = nua_create(root.get(), &Nua::on_event,
                               reinterpret_cast<nua_magic_t*>(nua.get()), tags..., TAG_END());
        return nua->nua_ ? std::move(nua) : nullptr;
    }
    ~Nua();
    Nua(const Nua&) = delete;
    Nua& operator=(const Nua&) = delete;

    nua_t* get() const { return nua_; }
    void shutdown() { nua_shutdown(nua_); }

private:
    Nua(Handler handler, ErrorSink on_error)
        : handler_(std::move(handler)), on_error_(std::move(on_error)) {}
    static void on_event(nua_event_t event, int status, const char* phrase, nua_t* nua,
                         nua_magic_t* magic, nua_handle_t* nh, nua_hmagic_t* hmagic,
                         const sip_t* sip, tagi_t tags[]) noexcept;

    nua_t* nua_ = nullptr;
    Handler handler_;
    ErrorSink on_error_;
};

}  // namespace markaz::sip::sofia
