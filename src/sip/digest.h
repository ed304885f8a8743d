#pragma once

#include <map>
#include <string>
#include <string_view>

#include "common/enum_table.h"
#include "common/result.h"
#include "common/time.h"

namespace markaz::sip {

// HTTP digest authentication for SIP (RFC 3261 §22, RFC 7616, RFC 8760): the server side.
// Debian's sofia-sip verifies only MD5, so Markaz computes and checks digests itself, with
// OpenSSL, for MD5 and SHA-256 alike. Thread: any (no shared state).

enum class DigestAlgorithm { Md5, Sha256 };
inline constexpr EnumTable<DigestAlgorithm, 2> kDigestAlgorithmNames{{{
    {DigestAlgorithm::Md5, "MD5"},
    {DigestAlgorithm::Sha256, "SHA-256"},
}}};

/// The algorithm's hash of `data`, in lower-case hex (H() in RFC 7616).
std::string digest_hex(DigestAlgorithm algorithm, std::string_view data);

/// What a client sent in its Authorization (or Proxy-Authorization) header, unquoted.
struct DigestResponse {
    std::string username;
    std::string realm;
    std::string nonce;
    std::string uri;
    std::string response;
    std::string algorithm;  ///< "MD5" when the client left it out
    std::string qop;        ///< "auth" or empty (RFC 2069 style)
    std::string nc;
    std::string cnonce;
    std::string opaque;
};

/// Reads `name=value` parameters as sofia-sip tokenizes them (quotes still on) into a
/// DigestResponse; fails naming a missing or malformed parameter.
Result<DigestResponse> digest_response_from_params(const char* const* params);

/// The response a client knowing `password` would compute for `method` (RFC 7616 §3.4.1).
/// Fails for an algorithm or qop Markaz does not offer.
Result<std::string> expected_digest(const DigestResponse& r, std::string_view password,
                                    std::string_view method);

/// True when `r` proves knowledge of `password`; compares in constant time.
bool digest_matches(const DigestResponse& r, std::string_view password, std::string_view method);

/// Who answers a challenge, and for which request: the client side of digest.
struct DigestCredentials {
    std::string username;
    std::string password;
    std::string method;  ///< "REGISTER", "INVITE"
    std::string uri;     ///< the request URI, exactly as sent
    std::string cnonce;  ///< the client's nonce (for qop=auth)
};

/// The Authorization header value that answers a challenge (the parameters of one
/// WWW-Authenticate or Proxy-Authenticate header, as sofia-sip tokenizes them) with
/// `algorithm`. Fails with Unavailable when the challenge is for another algorithm or asks
/// for a qop other than auth, and names a missing nonce. Used by Markaz's load generator,
/// which registers with SHA-256 where Debian's SIP clients cannot.
Result<std::string> digest_authorization(const char* const* challenge_params,
                                         DigestAlgorithm algorithm, const DigestCredentials& who);

/// Issues and checks nonces without keeping state: a nonce is its issue time plus an HMAC of
/// that time and the source it was issued to, under a secret drawn at start-up, so a forged
/// or stale nonce is recognised, and so is one presented from another address (a spoofer
/// cannot receive our challenges, so its answers are never counted against the source whose
/// address it spoofs).
class NonceIssuer {
public:
    /// A fresh random secret (OpenSSL RAND_bytes).
    NonceIssuer();
    /// A fixed secret, for tests.
    explicit NonceIssuer(std::string secret) : secret_(std::move(secret)) {}

    /// A nonce for a challenge sent to `source` (the client's host).
    std::string issue(WallTime now, std::string_view source) const;
    /// Ok when `nonce` was issued by this issuer to `source` no more than `max_age` before
    /// `now`; Conflict when it is stale, InvalidArgument when it is not ours or not theirs.
    Result<void> check(std::string_view nonce, WallTime now, Duration max_age,
                       std::string_view source) const;

private:
    std::string mac(std::string_view text) const;
    std::string secret_;
};

/// Which nonces and counts have been used (RFC 7616 §3.4.5, RFC 3261 §22.4): a response with
/// qop=auth must bring a count (nc) above the highest seen for its nonce, and a response
/// without qop may use its nonce once, so a captured Authorization header cannot be sent
/// again. Entries go when their nonce would be stale anyway. Thread: one (the SIP thread).
class NonceUses {
public:
    explicit NonceUses(Duration lifetime) : lifetime_(lifetime) {}
    /// Records the use; Conflict when it was used already, InvalidArgument for a bad nc.
    Result<void> use(const DigestResponse& r, SteadyTime now);
    void expire(SteadyTime now);
    std::size_t size() const { return once_.size() + counted_.size(); }

private:
    struct Count {
        unsigned long highest = 0;
        SteadyTime until{};
    };
    Duration lifetime_;
    std::map<std::string, SteadyTime> once_;
    std::map<std::string, Count> counted_;
};

/// The WWW-Authenticate header value of a challenge, e.g.
/// `Digest realm="markaz", nonce="...", algorithm=SHA-256, qop="auth"`; `stale` marks a
/// challenge answering an expired nonce (the client retries without asking the user).
std::string digest_challenge(DigestAlgorithm algorithm, std::string_view realm,
                             std::string_view nonce, bool stale);

}  // namespace markaz::sip
