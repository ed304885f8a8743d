// Reports mailed on a schedule, end to end: a supervisor schedules their queue's daily report
// in Persian through the API, asks for it now, and a real SMTP server on 127.0.0.1 (aiosmtpd)
// receives HTML with the chart inline and the PDF attached, read back with Python's own mail
// parser and poppler's pdftotext; and a send that failed while the mail server was down,
// kept across a kill -9, goes out when the server starts again.

#include <thread>

#include <gtest/gtest.h>

#include "support/desk.h"
#include "support/ports.h"
#include "support/smtp_sink.h"

namespace markaz::integration {
namespace {

using namespace std::chrono_literals;

/// The message as Python reads it: headers, the MIME tree, the HTML's marks, the chart and
/// the attached PDF's text.
const std::string kReadReport = R"py(
import sys, email, email.policy, subprocess, tempfile
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
print('To: ' + m['To'])
print('Subject: ' + m['Subject'])
print('Language: ' + m['Content-Language'])
print('Tree: ' + ' '.join(p.get_content_type() for p in m.walk()))
html = m.get_body(('html',)).get_content()
print('Html rtl: ' + str('dir="rtl"' in html) + ', cid: ' + str('cid:chart@markaz' in html))
print('Text: ' + m.get_body(('plain',)).get_content().splitlines()[0])
for part in m.walk():
    if part.get_content_type() == 'image/png':
        print('Chart: ' + part['Content-ID'] + ' ' + str(part.get_content()[:4] == b'\x89PNG'))
    if part.get_content_type() == 'application/pdf':
        print('Pdf: ' + part.get_filename())
        with tempfile.NamedTemporaryFile(suffix='.pdf') as f:
            f.write(part.get_content())
            f.flush()
            text = subprocess.run(['pdftotext', '-enc', 'UTF-8', f.name, '-'],
                                  capture_output=True, text=True).stdout
        print('Pdf text: ' + ' '.join(text.split()))
)py";

std::string mail_yaml(std::uint16_t port) {
    return "mail: {smtp: \"smtp://127.0.0.1:" + std::to_string(port) +
           "\", from: markaz@centre.example}\n";
}

/// The supervisor's daily report of sales in Persian, scheduled and sent now: the send's id.
std::int64_t schedule_and_send(const Browser& supervisor) {
    const Reply made = supervisor.post(
        "/api/v1/report-schedules",
        Json{{"name", "گزارش روزانه فروش"},
             {"scope", Json{{"kind", "queue"}, {"id", "sales"}}},
             {"frequency", "daily"},
             {"at", "07:30"},
             {"language", "fa"},
             {"recipients", Json::array({"manager@centre.example", "lead@centre.example"})}});
    EXPECT_EQ(made.status, 201U) << made.body;
    const std::string id = std::to_string(made.json()["schedule"]["id"].get<std::int64_t>());
    const Reply sent = supervisor.post("/api/v1/report-schedules/" + id + "/send");
    EXPECT_EQ(sent.status, 202U) << sent.body;
    return sent.json()["send"]["id"].get<std::int64_t>();
}

Json send_of(const Browser& supervisor) {
    const Json schedules = supervisor.get("/api/v1/report-schedules").json()["schedules"];
    return schedules.empty() ? Json() : schedules[0]["last_send"];
}

TEST(ReportMail, AReportSentNowArrivesAsHtmlWithItsChartAndThePdfInPersian) {
    SmtpSink sink;
    const std::uint16_t web_port = free_tcp_port();
    MarkazServer server(desk_config(web_port, "", mail_yaml(sink.port)));
    Browser supervisor(web_port, "supervisor");
    const std::int64_t send = schedule_and_send(supervisor);
    ASSERT_TRUE(server.wait_for_log("report mail " + std::to_string(send) + " of schedule", 30s))
        << server.log_tail();
    const Json done = send_of(supervisor);
    ASSERT_EQ(done["status"], "sent") << done.dump() << server.log_tail();
    EXPECT_EQ(done["attempts"], 1);
    EXPECT_TRUE(done["sent_at_ms"].is_number());
    EXPECT_EQ(done["last_error"], "");

    const auto files = sink.files(1);
    ASSERT_EQ(files.size(), 1U) << sink.process.log_tail();
    const std::string mail = sink.python(kReadReport, files[0]);
    EXPECT_NE(mail.find("To: manager@centre.example, lead@centre.example\n"), std::string::npos)
        << mail;
    EXPECT_NE(mail.find("Subject: [Markaz] گزارش — صف sales · ۱۴۰۵-"), std::string::npos)
        << "RFC 2047, Jalali, Persian digits: " << mail;
    EXPECT_NE(mail.find("Language: fa\n"), std::string::npos);
    EXPECT_NE(mail.find("Tree: multipart/mixed multipart/related multipart/alternative "
                        "text/plain text/html image/png application/pdf\n"),
              std::string::npos)
        << mail;
    EXPECT_NE(mail.find("Html rtl: True, cid: True\n"), std::string::npos) << mail;
    EXPECT_NE(mail.find("Text: گزارش — صف sales\n"), std::string::npos) << mail;
    EXPECT_NE(mail.find("Chart: <chart@markaz> True\n"), std::string::npos) << mail;
    EXPECT_NE(mail.find("Pdf: report-queue-sales-"), std::string::npos) << mail;
    const auto pdf = mail.find("Pdf text: ");
    ASSERT_NE(pdf, std::string::npos) << mail;
    // pdftotext marks each right-to-left word, so words are looked for one by one.
    for (const char* expected : {"گزارش", "sales", "خدمت", "۱۴۰۵-۰۹-", "۲۳:۰۰", "جمع"}) {
        EXPECT_NE(mail.find(expected, pdf), std::string::npos) << expected << " in " << mail;
    }
}

TEST(ReportMail, ASendThatFailedWhileTheMailServerWasDownGoesOutAfterAKillNine) {
    const std::uint16_t smtp_port = free_tcp_port();  // nothing listens there yet
    const std::uint16_t web_port = free_tcp_port();
    MarkazServer server(desk_config(web_port, "", mail_yaml(smtp_port)));
    Browser supervisor(web_port, "supervisor");
    const std::int64_t send = schedule_and_send(supervisor);
    const std::string logged = "report mail " + std::to_string(send) + " of schedule ";
    ASSERT_TRUE(server.wait_for_log(logged, 30s)) << server.log_tail();
    const Json failed = send_of(supervisor);
    EXPECT_EQ(failed["status"], "pending") << failed.dump();
    EXPECT_EQ(failed["attempts"], 1);
    EXPECT_NE(failed["last_error"].get<std::string>().find("mail to smtp://127.0.0.1:" +
                                                           std::to_string(smtp_port)),
              std::string::npos)
        << failed.dump();
    EXPECT_GT(failed["next_try_ms"].get<std::int64_t>(), failed["due_ms"].get<std::int64_t>());

    server.kill_hard();
    SmtpSink sink(smtp_port);
    server.restart();
    ASSERT_TRUE(server.wait_for_log(logged, 30s, 2)) << server.log_tail();
    Browser again(web_port, "supervisor");
    const Json sent = send_of(again);
    EXPECT_EQ(sent["status"], "sent") << sent.dump() << server.log_tail();
    EXPECT_EQ(sent["attempts"], 2);
    EXPECT_EQ(sink.files(1).size(), 1U) << sink.process.log_tail();
}

}  // namespace
}  // namespace markaz::integration
