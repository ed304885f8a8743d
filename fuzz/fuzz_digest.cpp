// libFuzzer target: what a SIP client puts in Authorization and in a challenge's answer. The
// text is cut into name=value parameters at commas, as sofia-sip hands them over; Markaz reads
// them, checks the digest and the nonce, and counts the nonce's use.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sip/digest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace markaz;
    using namespace markaz::sip;
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::vector<std::string> params;
    for (std::size_t start = 0; start <= text.size();) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        params.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    std::vector<const char*> pointers;
    for (const std::string& p : params) {
        pointers.push_back(p.c_str());
    }
    pointers.push_back(nullptr);

    const WallTime now{std::chrono::hours(24 * 365 * 56)};
    if (auto response = digest_response_from_params(pointers.data())) {
        (void)digest_matches(*response, "secret1001", "REGISTER");
        static const NonceIssuer issuer{"fuzzing secret"};
        (void)issuer.check(response->nonce, now, std::chrono::minutes(5), "127.0.0.1");
        NonceUses uses{std::chrono::minutes(5)};
        (void)uses.use(*response, SteadyTime{});
        (void)uses.use(*response, SteadyTime{});
    }
    (void)digest_authorization(
        pointers.data(), DigestAlgorithm::Sha256,
        DigestCredentials{"1001", "secret1001", "REGISTER", "sip:127.0.0.1", "cnonce"});
    return 0;
}
