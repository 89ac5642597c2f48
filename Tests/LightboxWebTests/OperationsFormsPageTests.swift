import Foundation
import HTTPTypes
import LightboxDomain
import LightboxTestSupport
import Testing

/// Issue 17's page forms that had only an API: the isolation flag on the exam page (flag with the precautions and
/// the reason, clear it; shown on the exam, the patient's record, the room's worklist and the room clean's task),
/// the stock page's forms to add an item, add a lead apron and record its integrity check (a failure withdraws it),
/// and a contrast batch traced on the pages from the exam to its stock record and back. Each form posts to the use
/// case its API route calls.
@Suite("Operations forms pages")
struct OperationsFormsPageTests {
    @Test("Isolation is flagged and cleared on the exam page and shows wherever the patient does")
    func isolation() async throws {
        try await TestApp.run(.sqlite) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await TaskPageTests.arrivedExam(path)
            var browser = PageSession(client)
            _ = try await browser.signIn(SeededDepartment.sessionUsername, SeededDepartment.sessionPassword)
            let page = try await browser.get("/exams/\(exam)")
            #expect(page.html.contains("Flag isolation") && page.html.contains(">Droplet precautions<"))
            #expect(!page.html.contains("Clear isolation flag") && !page.html.contains("exam-isolation"))
            let token = page.formToken ?? ""

            let noPrecaution = try await browser.post(
                "/exams/\(exam)/isolation", [("_csrf", token), ("note", "Influenza A")])
            #expect(noPrecaution.status == .unprocessableContent)
            #expect(noPrecaution.html.contains(##"href="#field-precaution-contact""##), "\(noPrecaution.html)")
            #expect(try await Self.exam(seeded, exam).isolation == nil)

            let flagged = try await browser.post(
                "/exams/\(exam)/isolation", [("_csrf", token), ("precaution", "droplet"), ("note", "Influenza A")])
            #expect(flagged.status == .seeOther && flagged.headers[.location] == "/exams/\(exam)?done=isolation")
            let stored = try #require(try await Self.exam(seeded, exam).isolation)
            #expect(stored.precaution == .droplet && stored.note == "Influenza A")
            #expect(stored.flaggedBy == SeededDepartment.sessionUsername)
            let shown = try await browser.get("/exams/\(exam)?done=isolation")
            #expect(shown.html.contains("Isolation flag saved") && shown.html.contains("exam-isolation"))
            #expect(shown.html.contains("Droplet precautions: Influenza A"))
            #expect(shown.html.contains("Clear isolation flag") && shown.html.contains("Update isolation flag"))

            let record = try await Self.exam(seeded, exam)
            let patient = try await browser.get("/patients/\(record.patientID.uuidString)")
            #expect(patient.html.contains("On isolation for") && patient.html.contains("Isolation: Droplet precautions"))
            let roomID = try #require(record.booking?.roomID)
            let day = CalendarDate(try #require(record.booking?.scheduledAt), in: seeded.configuration.timeZone)
            let worklist = try await browser.get("/worklist/\(roomID.uuidString)?date=\(day.iso)")
            #expect(worklist.html.contains("Isolation: Droplet precautions (clean the room after)"), "\(worklist.html)")

            // Done, the exam raises the room's clean: the board shows the precautions on the task.
            try await path.pauseAndCheck(exam)
            try await path.step(exam, "start", by: path.token("radiographer"))
            try await path.step(
                exam, "completion", by: path.token("radiographer"), #"{"projections":[{"name":"PA","images":1}]}"#)
            try await PageTests.account(seeded, "b.walsh", .supportWorker, person: "support")
            var support = PageSession(client)
            _ = try await support.signIn("b.walsh", PageTests.password)
            let board = try await support.get("/tasks?kind=cleaning")
            #expect(board.html.contains(##"<strong class="tag tag--red">Isolation: Droplet precautions</strong>"##))

            // A referrer may not flag; the form's token is needed.
            var referrer = PageSession(client)
            _ = try await seeded.auth.createAccount(
                username: "dr.gp", role: .referrer, password: PageTests.password, staffID: nil,
                referrerID: seeded.referrer.id,
                by: Actor(staffID: nil, username: "test-setup", role: .admin, door: .system))
            _ = try await referrer.signIn("dr.gp", PageTests.password)
            let referrerHome = try await referrer.get("/")
            let refused = try await referrer.post(
                "/exams/\(exam)/isolation-clearance", [("_csrf", referrerHome.formToken ?? "")])
            #expect(refused.status == .forbidden)
            let noToken = try await browser.post("/exams/\(exam)/isolation-clearance", [("_csrf", "")])
            #expect(noToken.status == .forbidden)
            #expect(try await Self.exam(seeded, exam).isolation != nil)

            let cleared = try await browser.post("/exams/\(exam)/isolation-clearance", [("_csrf", token)])
            #expect(cleared.status == .seeOther && cleared.headers[.location] == "/exams/\(exam)?done=isolation-clearance")
            #expect(try await Self.exam(seeded, exam).isolation == nil)
            let after = try await browser.get("/exams/\(exam)?done=isolation-clearance")
            #expect(after.html.contains("Isolation flag cleared") && !after.html.contains("exam-isolation"))
            let actions = try await AuditRows.actions(database, examID: exam)
            #expect(actions.contains("exam.isolation-flagged") && actions.contains("exam.isolation-cleared"))
        }
    }

    @Test("Items and lead aprons are added on the stock page; a failed integrity check withdraws the apron")
    func stockItemsAndAprons() async throws {
        try await TestApp.run(.sqlite) { seeded, client, database in
            try await PageTests.account(seeded, "b.walsh", .supportWorker, person: "support")
            var browser = PageSession(client)
            _ = try await browser.signIn("b.walsh", PageTests.password)
            let page = try await browser.get("/stock")
            #expect(page.html.contains("item-form") && page.html.contains("apron-form"))
            #expect(!page.html.contains("apron-check-form"), "no apron to check yet")
            #expect(page.html.contains(">Immobilisation devices<") && !page.html.contains(">immobilisation<"))
            let token = page.formToken ?? ""

            let wrongItem = try await browser.post(
                "/stock/items",
                [
                    ("_csrf", token), ("name", ""), ("category", ""), ("unit", "box of 50"), ("reorderLevel", "ten"),
                    ("reorderQuantity", "20"),
                ])
            #expect(wrongItem.status == .unprocessableContent)
            for field in ["category", "reorderLevel"] {
                #expect(wrongItem.html.contains(##"href="#field-\##(field)""##), "\(field): \(wrongItem.html)")
            }
            let noName = try await browser.post(
                "/stock/items",
                [
                    ("_csrf", token), ("name", " "), ("category", "cannula"), ("unit", "box of 50"),
                    ("reorderLevel", "2"), ("reorderQuantity", "5"),
                ])
            #expect(noName.status == .unprocessableContent && noName.html.contains(##"href="#field-name""##))
            #expect(try await seeded.department.viewStock.overview(by: Self.reader).levels.isEmpty)
            let added = try await browser.post(
                "/stock/items",
                [
                    ("_csrf", token), ("name", "Cannula 20G"), ("category", "cannula"), ("unit", "box of 50"),
                    ("reorderLevel", "2"), ("reorderQuantity", "5"),
                ])
            #expect(added.status == .seeOther && added.headers[.location] == "/stock?done=stock-item-added")
            let listed = try await browser.get("/stock?done=stock-item-added")
            #expect(listed.html.contains("Item added to the stock list") && listed.html.contains("Cannula 20G"))
            let item = try #require(try await seeded.department.viewStock.overview(by: Self.reader).levels.first?.item)
            #expect(item.category == .cannula && item.reorderLevel == 2 && item.reorderQuantity == 5)

            let wrongApron = try await browser.post(
                "/stock/aprons",
                [
                    ("_csrf", token), ("identifier", "APR-014"), ("description", "Wrap-around, M"),
                    ("leadEquivalenceMillimetres", "3"), ("apronLocation", ""), ("lastCheckedOn", ""),
                ])
            #expect(wrongApron.status == .unprocessableContent)
            for field in ["leadEquivalenceMillimetres", "apronLocation"] {
                #expect(wrongApron.html.contains(##"href="#field-\##(field)""##), "\(field): \(wrongApron.html)")
            }
            #expect(try await seeded.department.viewStock.overview(by: Self.reader).aprons.isEmpty)
            let apronAdded = try await browser.post(
                "/stock/aprons",
                [
                    ("_csrf", token), ("identifier", "APR-014"), ("description", "Wrap-around, M"),
                    ("leadEquivalenceMillimetres", "0,35"), ("apronLocation", "Room 2 rack"), ("lastCheckedOn", ""),
                ])
            #expect(apronAdded.status == .seeOther && apronAdded.headers[.location] == "/stock?done=apron-added")
            let withApron = try await browser.get("/stock?done=apron-added")
            #expect(withApron.html.contains("apron-check-form") && withApron.html.contains("0.35 mm Pb"))
            #expect(withApron.html.contains("Check overdue"), "a new apron's first check is due at once")
            let apron = try #require(try await seeded.department.viewStock.overview(by: Self.reader).aprons.first)

            let today = CalendarDate(seeded.clock.now(), in: seeded.configuration.timeZone).iso
            let noFindings = try await browser.post(
                "/stock/apron-checks",
                [
                    ("_csrf", token), ("apronID", apron.id.uuidString), ("checkedOn", today),
                    ("method", "fluoroscopic"), ("result", "fail"), ("findings", ""),
                ])
            #expect(noFindings.status == .unprocessableContent && noFindings.html.contains(##"href="#field-findings""##))
            let noResult = try await browser.post(
                "/stock/apron-checks",
                [("_csrf", token), ("apronID", apron.id.uuidString), ("checkedOn", today), ("method", "fluoroscopic")])
            #expect(noResult.status == .unprocessableContent && noResult.html.contains(##"href="#field-result""##))
            #expect(try await seeded.department.viewStock.overview(by: Self.reader).aprons.first?.inService == true)
            let failed = try await browser.post(
                "/stock/apron-checks",
                [
                    ("_csrf", token), ("apronID", apron.id.uuidString), ("checkedOn", today),
                    ("method", "fluoroscopic"), ("result", "fail"), ("findings", "Crack 2 cm at the left shoulder"),
                ])
            #expect(failed.status == .seeOther && failed.headers[.location] == "/stock?done=apron-withdrawn")
            let withdrawn = try await browser.get("/stock?done=apron-withdrawn")
            #expect(withdrawn.html.contains("the apron failed and is withdrawn from use"))
            #expect(withdrawn.html.contains("Withdrawn from use"))
            #expect(try await seeded.department.viewStock.overview(by: Self.reader).aprons.first?.inService == false)
            let actions = try AuditRows.query(database, "SELECT action FROM audit_entries ORDER BY sequence")
            #expect(
                actions.contains("stock.item-added") && actions.contains("apron.added")
                    && actions.contains("apron.checked"))

            var radiologist = PageSession(client)
            try await PageTests.account(seeded, "p.shah", .radiologist, person: "radiologist")
            _ = try await radiologist.signIn("p.shah", PageTests.password)
            let readOnly = try await radiologist.get("/stock")
            #expect(readOnly.status == .ok && !readOnly.html.contains("apron-form"))
            let refused = try await radiologist.post(
                "/stock/aprons",
                [
                    ("_csrf", readOnly.formToken ?? ""), ("identifier", "APR-015"), ("description", "Vest"),
                    ("leadEquivalenceMillimetres", "0.25"), ("apronLocation", "CT"),
                ])
            #expect(refused.status == .forbidden)
        }
    }

    @Test("A contrast batch is traced on the pages from the exam to its stock record and back to the exam")
    func contrastTrace() async throws {
        try await TestApp.run(.sqlite) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let (_, batchID) = try await StockRoutesTests.contrastInStock(
                path, expires: seeded.clock.now() + 90 * StockRoutesTests.day)
            let exam = try await path.request("man", "CCHEST")
            try await path.justify(exam, by: "radiologist")
            try await path.book(exam, room: "ct")
            try await path.arrive(exam)
            try await path.step(
                exam, "pause-and-check", by: path.token("radiographer"),
                StockRoutesTests.checklist(batchID: batchID))
            var browser = PageSession(client)
            _ = try await browser.signIn(SeededDepartment.sessionUsername, SeededDepartment.sessionPassword)
            let examPage = try await browser.get("/exams/\(exam)")
            let link = ##"<a href="/stock/batches/\##(batchID.lowercased())">"##
            #expect(
                examPage.html.lowercased().contains(link) && examPage.html.contains("Omnipaque 300, batch OMN-2291"),
                "\(examPage.html)")
            let stock = try await browser.get("/stock")
            #expect(stock.html.lowercased().contains(link) && stock.html.contains("Batches on the shelves"))
            let batch = try await browser.get("/stock/batches/\(batchID)")
            #expect(batch.status == .ok && batch.html.contains("Omnipaque 300, batch OMN-2291"))
            #expect(batch.html.contains("Given to a patient") && batch.html.contains("Units on the shelf"))
            #expect(batch.html.lowercased().contains(##"<a href="/exams/\##(exam.lowercased())">"##), "\(batch.html)")
            let actions = try await AuditRows.actions(database, examID: exam)
            #expect(actions.contains("stock.batch-traced") && actions.contains("exam.stock-read"))
            // Someone who may not read stock is refused the batch.
            var referrer = PageSession(client)
            _ = try await seeded.auth.createAccount(
                username: "dr.gp", role: .referrer, password: PageTests.password, staffID: nil,
                referrerID: seeded.referrer.id,
                by: Actor(staffID: nil, username: "test-setup", role: .admin, door: .system))
            _ = try await referrer.signIn("dr.gp", PageTests.password)
            #expect(try await referrer.get("/stock/batches/\(batchID)").status == .forbidden)
            #expect(try await browser.get("/stock/batches/\(UUID().uuidString)").status == .notFound)
        }
    }

    static func exam(_ seeded: SeededDepartment, _ id: String) async throws -> Exam {
        let found = try await seeded.store.transaction { unit in try await unit.exams.get(UUID(uuidString: id) ?? UUID()) }
        return try #require(found)
    }

    static let reader = Actor(staffID: nil, username: "test-reader", role: .manager, door: .system)
}
