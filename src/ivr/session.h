#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/time.h"
#include "ivr/flow.h"

namespace markaz::ivr {

/// A prompt part chosen for this caller: a file, or a text in one language (which the
/// application maps to the file `markaz prompts` synthesized for it).
struct PromptToPlay {
    std::string file;
    std::string text;
    Language language = Language::Fa;
    friend bool operator==(const PromptToPlay&, const PromptToPlay&) = default;
};

/// Where the flow sends the call when it is done with it.
struct Route {
    enum class Kind { Queue, Extension, Callback, Hangup };
    Kind kind = Kind::Hangup;
    std::string target;  ///< queue name or extension number
    int priority = 0;
    std::vector<std::string> skills;
};

/// What the application does next for the caller.
struct Instruction {
    enum class Kind {
        Play,    ///< play `prompts`, then call played(); digits during an interruptible
                 ///< prompt go to digit() and cut it short
        Gather,  ///< wait for digits (digit() each), up to `timeout` for the next (timed_out())
        Done     ///< the flow is over: `route` says where the call goes
    };
    Kind kind = Kind::Done;
    std::vector<PromptToPlay> prompts;
    bool interruptible = false;
    Duration timeout{0};
    Route route;
};

/// One caller going through a flow: a pure state machine. The application carries out
/// current() and reports what happened (digit, end of a prompt, silence); the session moves
/// on. The path, digits and variables are kept for the call record. The flow must outlive the
/// session and have passed check_references().
class Session {
public:
    Session(const Flow& flow, WallTime now);

    const Instruction& current() const { return current_; }
    void digit(char digit, WallTime now);
    void played(WallTime now);
    void timed_out(WallTime now);

    Language language() const { return language_; }
    const std::vector<std::string>& path() const { return path_; }  ///< nodes entered, in order
    const std::string& digits() const { return digits_; }           ///< every key pressed
    const std::map<std::string, std::string>& variables() const { return variables_; }

private:
    enum class Phase { Prompt, Gather, Done };

    void enter(const std::string& name, WallTime now);
    void run(WallTime now);  // follows nodes that need no caller input
    void menu_choice(const MenuNode& menu, char digit, WallTime now);
    void menu_retry(const MenuNode& menu, const Prompt& why, WallTime now);
    void collect_digit(const CollectNode& collect, char digit, WallTime now);
    void finish_collect(const CollectNode& collect, WallTime now);
    void play(const Prompt& prompt, bool interruptible);
    void gather(Duration timeout);
    void done(Route route);
    const Node& node() const { return flow_.nodes.at(node_); }

    const Flow& flow_;
    Language language_;
    std::string node_;
    Phase phase_ = Phase::Done;
    Instruction current_;
    int attempts_ = 0;    // menu answers that went wrong so far
    std::string buffer_;  // collect: digits so far
    std::vector<std::string> path_;
    std::string digits_;
    std::map<std::string, std::string> variables_;
};

}  // namespace markaz::ivr
