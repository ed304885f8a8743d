#pragma once

#include <array>
#include <cstdint>
#include <netinet/in.h>
#include <optional>

namespace markaz::media {

/// Decides which source a channel takes RTP from, and so where its audio goes (symmetric RTP),
/// so that nobody spraying packets at the RTP ports can inject audio into a call or divert it.
///
/// The address the SDP named is the peer: its packets are taken at once, and it takes over from
/// any other source. A phone behind NAT sends from another address than the one it wrote in its
/// SDP, but from the host its SIP came from (the same NAT); a source on that host, or on the
/// SDP's host, is taken only after kProbation packets in a row of one SSRC with consecutive
/// sequence numbers (as Asterisk's strictrtp learns), and then only that source with that SSRC
/// is heard. Candidates are counted per source, so stray packets do not hold a phone's
/// probation back. Packets from any other host are never heard, however well-formed: an
/// attacker would have to send from the phone's own public address (docs/security.md).
/// Thread: the channel's media worker.
class RtpLatch {
public:
    static constexpr int kProbation = 3;

    /// The address the SDP named, and the host the peer's SIP came from or went to
    /// (`signalling_host`, network order; 0 when unknown): forgets whatever was learnt before
    /// (a new offer or answer).
    void expect(const sockaddr_in& named, std::uint32_t signalling_host);

    /// Whether the packet from `from`, of `ssrc` and sequence number `sequence`, is the peer's.
    [[nodiscard]] bool accept(const sockaddr_in& from, std::uint32_t ssrc, std::uint16_t sequence);

    /// Where the peer's audio goes: the learnt source once there is one, else the named address.
    const sockaddr_in& send_to() const { return latched_ ? latched_->from : named_; }

private:
    struct Source {
        sockaddr_in from{};
        std::uint32_t ssrc = 0;
        std::uint16_t last_sequence = 0;
        int packets = 0;  ///< in a row, while on probation
    };
    static bool same(const sockaddr_in& a, const sockaddr_in& b);
    /// Counts the packet towards its source's probation; the source once it has passed.
    std::optional<Source> on_probation(const sockaddr_in& from, std::uint32_t ssrc,
                                       std::uint16_t sequence);

    /// Whether a source on `from`'s host may be learnt.
    bool may_learn(const sockaddr_in& from) const;

    sockaddr_in named_{};
    std::uint32_t signalling_host_ = 0;
    bool named_latched_ = false;     ///< the named address has sent: nothing else is heard
    std::optional<Source> latched_;  ///< a source learnt behind NAT
    /// Sources on probation; the one idle longest makes room for a new one.
    std::array<Source, 4> candidates_{};
    std::array<std::uint64_t, 4> last_used_{};  ///< 0: the slot is free
    std::uint64_t packets_seen_ = 0;
};

}  // namespace markaz::media
