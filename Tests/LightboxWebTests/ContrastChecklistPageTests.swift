import Foundation
import HTTPTypes
import HummingbirdTesting
import LightboxDomain
import LightboxTestSupport
import Testing

@testable import LightboxWeb

/// Contrast screening on the Pause and Check checklist (DOMAIN.md "Contrast screening"): a contrast exam's
/// checklist asks every screening item, each one missing is refused with its name and nothing is stored, and a
/// complete screening goes through `RecordPauseAndCheck` (the API's use case), lets the exam start and is shown
/// on the exam page afterwards.
@Suite("Contrast screening on the exam page")
struct ContrastChecklistPageTests {
    /// A CT chest with contrast for the seeded man (45, no renal risk factor), arrived in CT 1.
    static func arrivedContrastExam(_ path: Pathway) async throws -> String {
        let exam = try await path.request("man", "CCHEST")
        try await path.justify(exam, by: "radiologist")
        try await path.book(exam, room: "ct")
        try await path.arrive(exam)
        return exam
    }

    static let checks = [
        ("identity.identifiers", "name"), ("identity.identifiers", "dateOfBirth"),
        ("identity.identifiers", "nhsNumber"), ("identity.methods", "verbal"), ("identity.methods", "wristband"),
        ("anatomy.bodyPartConfirmed", "true"), ("equipmentAndSettingsConfirmed", "true"),
    ]

    /// A complete screening with no risk factor, as the form sends it (empty fields included).
    static let screening: [(String, String)] = [
        ("contrast.previousReaction", "false"), ("contrast.allergiesOrAsthma", "false"),
        ("contrast.diabetes", "false"), ("contrast.renalDisease", "false"), ("contrast.knownLowEGFR", "false"),
        ("contrast.onMetformin", "false"), ("contrast.previousReactionReviewedBy", ""), ("contrast.latestEGFR", ""),
        ("contrast.eGFRDate", ""), ("contrast.route", "intravenous"), ("contrast.agent", "Omnipaque 300"),
        ("contrast.batch", "B1"), ("contrast.volumeMillilitres", "80"),
    ]

    static func replacing(_ name: String, with value: String?) -> [(String, String)] {
        screening.filter { $0.0 != name } + (value.map { [(name, $0)] } ?? [])
    }

    @Test("Each missing screening item is refused with its name and nothing is stored")
    func missingItemsRefused() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await Self.arrivedContrastExam(path)
            var radiographer = try await BookingPageTests.signIn(
                client, seeded, "g.okafor", .radiographer, person: "radiographer")
            let page = try await radiographer.get("/exams/\(exam)")
            for legend in [
                "Contrast: previous reaction to contrast", "Contrast: allergies or asthma", "Contrast: diabetes",
                "Contrast: renal disease", "Contrast: eGFR already known to be below 60", "Contrast: takes metformin",
                "Contrast: agent", "Contrast: batch number", "Contrast: volume (mL)", "Contrast: latest eGFR",
            ] {
                #expect(page.html.contains(legend), "the checklist asks \(legend)")
            }
            #expect(page.html.contains(#"data-checklist="identity.identifiers:3,contrast.metforminStopped:0""#))
            #expect(
                page.html.contains(#"data-checklist-fields="contrast.agent,contrast.batch,contrast.volumeMillilitres""#)
            )
            #expect(page.html.contains(#"<option value="intravenous" selected>"#), "the catalogue's route")
            let token = page.formToken ?? ""

            // (what is left out or changed, the control the summary links to, the words naming it)
            let unanswered = ExamActionCommands.contrastQuestions.map { name, question in
                (
                    Self.replacing(name, with: nil),
                    "pause-and-check-field-" + name.replacingOccurrences(of: ".", with: "-") + "-false",
                    "answer \(question)"
                )
            }
            let refusals =
                unanswered + [
                    (
                        Self.replacing("contrast.agent", with: ""), "pause-and-check-field-contrast-agent",
                        "record the contrast agent"
                    ),
                    (
                        Self.replacing("contrast.batch", with: ""), "pause-and-check-field-contrast-batch",
                        "record the batch number"
                    ),
                    (
                        Self.replacing("contrast.volumeMillilitres", with: ""),
                        "pause-and-check-field-contrast-volumeMillilitres", "record the volume (mL)"
                    ),
                    (
                        Self.replacing("contrast.diabetes", with: "true"), "pause-and-check-field-contrast-latestEGFR",
                        "renal risk factors (diabetes): an eGFR from the last 90 days is needed"
                    ),
                    (
                        Self.replacing("contrast.previousReaction", with: "true"),
                        "pause-and-check-field-contrast-previousReactionReviewedBy",
                        "a previous contrast reaction must be reviewed by a practitioner before contrast is given"
                    ),
                    (
                        Self.replacing("contrast.onMetformin", with: "true").filter {
                            !["contrast.latestEGFR", "contrast.eGFRDate"].contains($0.0)
                        } + [("contrast.latestEGFR", "25"), ("contrast.eGFRDate", "2026-02-20")],
                        "pause-and-check-field-contrast-metforminStopped-true",
                        "eGFR 25 is below 30: metformin must be stopped from the time of contrast"
                    ),
                    (
                        Self.replacing("contrast.eGFRDate", with: "2026-02-20"),
                        "pause-and-check-field-contrast-latestEGFR", "enter the eGFR measured on that day"
                    ),
                ]
            for (screening, anchor, words) in refusals {
                let refused = try await radiographer.post(
                    "/exams/\(exam)/pause-and-check", [("_csrf", token)] + Self.checks + screening)
                #expect(refused.status == .unprocessableContent, "\(words)")
                #expect(refused.html.contains("href=\"#\(anchor)\""), "\(words): \(refused.html)")
                #expect(refused.html.contains(words), "\(words)")
                let stored = try await BookingPageTests.exam(seeded, exam)
                #expect(stored?.state == .arrived && stored?.pauseAndCheck == nil, "nothing stored: \(words)")
            }
            let start = try await radiographer.post("/exams/\(exam)/start", [("_csrf", token)])
            #expect(start.status == .unprocessableContent, "start stays closed")
            #expect(try await BookingPageTests.exam(seeded, exam)?.state == .arrived)
        }
    }

    @Test("A complete screening is recorded through the use case, lets the exam start and shows on the page")
    func completeScreening() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await Self.arrivedContrastExam(path)
            var radiographer = try await BookingPageTests.signIn(
                client, seeded, "g.okafor", .radiographer, person: "radiographer")
            let token = try await radiographer.get("/exams/\(exam)").formToken ?? ""
            let screening =
                Self.screening.filter {
                    !["contrast.diabetes", "contrast.onMetformin", "contrast.latestEGFR", "contrast.eGFRDate"]
                        .contains($0.0)
                } + [
                    ("contrast.diabetes", "true"), ("contrast.onMetformin", "true"), ("contrast.latestEGFR", "72"),
                    ("contrast.eGFRDate", "2026-02-20"),
                ]
            let recorded = try await radiographer.post(
                "/exams/\(exam)/pause-and-check", [("_csrf", token)] + Self.checks + screening)
            #expect(recorded.status == .seeOther, "\(recorded.html)")
            let stored = try #require(try await BookingPageTests.exam(seeded, exam))
            #expect(stored.state == .checked)
            let contrast = try #require(stored.pauseAndCheck?.contrast)
            #expect(contrast.agent == "Omnipaque 300" && contrast.batch == "B1" && contrast.volumeMillilitres == 80)
            #expect(contrast.route == .intravenous && contrast.diabetes && contrast.onMetformin)
            #expect(contrast.latestEGFR?.value == 72)
            #expect(contrast.screenedBy == seeded.staff["radiographer"]?.id)

            let page = try await radiographer.get("/exams/\(exam)")
            #expect(page.html.contains("Contrast screening"))
            #expect(page.html.contains("Omnipaque 300, batch B1, 80 mL, intravenous"), "\(page.html)")
            #expect(page.html.contains("diabetes yes") && page.html.contains("eGFR 72, measured 20 Feb 2026"))
            let name = try #require(seeded.staff["radiographer"]?.displayName)
            #expect(page.html.contains("Screened by \(name)"))
            let started = try await radiographer.post("/exams/\(exam)/start", [("_csrf", page.formToken ?? "")])
            #expect(started.status == .seeOther, "\(started.html)")
            #expect(try await BookingPageTests.exam(seeded, exam)?.state == .inProgress)
        }
    }

    @Test("A contrast batch chosen from stock on the checklist is given to the patient and traced to the stock record")
    func batchFromStock() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let (itemID, batchID) = try await StockRoutesTests.contrastInStock(
                path, expires: seeded.clock.now() + 90 * StockRoutesTests.day)
            let old = try await path.api.send(
                .post, "/api/stock/deliveries", token: path.token("support"),
                json: """
                    {"itemID":"\(itemID)","batchNumber":"OMN-OLD","expires":"\(Pathway.iso(seeded.clock.now() + 3_600))",\
                    "location":"CT 1 contrast cupboard","quantity":3}
                    """)
            #expect(old.status == .created, "\(old.text)")
            let expiredID = old.string("value.id") ?? ""
            let exam = try await Self.arrivedContrastExam(path)
            seeded.clock.advance(by: 7_200)  // OMN-OLD has expired on the shelf since it was received
            var radiographer = try await BookingPageTests.signIn(
                client, seeded, "g.okafor", .radiographer, person: "radiographer")
            let page = try await radiographer.get("/exams/\(exam)")
            // The batch in date is offered with what is left; the expired one is not.
            #expect(page.html.contains(#"name="contrast.stockBatchID""#), "\(page.html)")
            #expect(page.html.contains("Omnipaque 300, batch OMN-2291"))
            #expect(page.html.contains("3 left"))
            // The page's script then asks for neither agent nor batch number once a batch is chosen.
            #expect(
                page.html.contains(
                    #"data-checklist-fields="contrast.agent|contrast.stockBatchID,contrast.batch|contrast.stockBatchID,"#
                ))
            #expect(!page.html.lowercased().contains(expiredID.lowercased()))
            let token = page.formToken ?? ""
            let screening = Self.screening.filter { !["contrast.agent", "contrast.batch"].contains($0.0) }

            // A batch that is not in stock is refused by name, and nothing is recorded.
            let refused = try await radiographer.post(
                "/exams/\(exam)/pause-and-check",
                [("_csrf", token)] + Self.checks + screening + [("contrast.stockBatchID", expiredID)])
            #expect(refused.status == .unprocessableContent, "\(refused.html)")
            #expect(refused.html.contains("batch OMN-OLD has expired"), "\(refused.html)")
            #expect(try await BookingPageTests.exam(seeded, exam)?.state == .arrived)

            let recorded = try await radiographer.post(
                "/exams/\(exam)/pause-and-check",
                [("_csrf", token)] + Self.checks + screening + [("contrast.stockBatchID", batchID)])
            #expect(recorded.status == .seeOther, "\(recorded.html)")
            let contrast = try #require(try await BookingPageTests.exam(seeded, exam)?.pauseAndCheck?.contrast)
            #expect(contrast.stockBatchID?.uuidString.lowercased() == batchID.lowercased())
            #expect(contrast.agent == "Omnipaque 300" && contrast.batch == "OMN-2291")
            // From the exam to the stock record, which has one unit fewer.
            let after = try await radiographer.get("/exams/\(exam)")
            #expect(
                after.html.lowercased().contains(##"<a href="/stock/batches/\##(batchID.lowercased())">"##),
                "\(after.html)")
            let batch = try await radiographer.get("/stock/batches/\(batchID)")
            #expect(batch.html.lowercased().contains(##"<a href="/exams/\##(exam.lowercased())">"##))
            let detail = try await path.api.send(.get, "/api/stock/batches/\(batchID)", token: path.token("support"))
            #expect(detail.json?["batch"]?["quantity"] == .number(2), "\(detail.text)")
        }
    }
}
