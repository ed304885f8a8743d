#include "webhook/webhook.h"

#include <gtest/gtest.h>

namespace markaz::webhook {
namespace {

TEST(Webhook, TheSignatureIsHmacSha256OfTheTimestampAndTheBody) {
    // Python: hmac.new(b'a-secret-of-16+chars', b'1796533200.{"event":"alert.raised"}',
    //                  hashlib.sha256).hexdigest()
    EXPECT_EQ(signature("a-secret-of-16+chars", "1796533200", R"({"event":"alert.raised"})"),
              "sha256=096d5685ecaa1b822abcaef121a23167081c19c3e40ab5f63fa610fc97bf6631");
    EXPECT_NE(signature("a-secret-of-16+chars", "1796533201", R"({"event":"alert.raised"})"),
              signature("a-secret-of-16+chars", "1796533200", R"({"event":"alert.raised"})"))
        << "a replayed body with a new timestamp does not verify";
}

TEST(Webhook, AReceiverThatIsNotThereIsAnError) {
    const WallTime now{std::chrono::seconds{1'796'533'200}};
    auto sent = post({"http://127.0.0.1:9/hook", "a-secret-of-16+chars", std::chrono::seconds{2}},
                     "{}", now);
    ASSERT_FALSE(sent);
    EXPECT_EQ(sent.error().code, Errc::Unavailable);
    EXPECT_NE(sent.error().message.find("webhook http://127.0.0.1:9/hook: "), std::string::npos);
}

}  // namespace
}  // namespace markaz::webhook
