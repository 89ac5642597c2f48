import Foundation
import HTTPTypes
import LightboxDomain
import LightboxTestSupport
import Testing

/// The equipment and stock pages' forms through HTTP (issue 17): report a fault, record the engineering job and
/// close it, log a clean; receive a batch, take some out, count it and place an order. A wrong form comes back with
/// the error summary linking each wrong field and nothing stored; a form without its token, or from a role that may
/// not, is refused.
@Suite("Operation form pages")
struct OperationFormPageTests {
    @Test("A radiographer reports a fault and logs a clean; the manager records the job and closes the fault")
    func faultsAndCleaning() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let xr = seeded.rooms["xr"]!.id.uuidString
            var radiographer = PageSession(client)
            _ = try await radiographer.signIn(SeededDepartment.sessionUsername, SeededDepartment.sessionPassword)
            let page = try await radiographer.get("/equipment")
            #expect(page.html.contains("fault-form") && page.html.contains("cleaning-form"))
            #expect(!page.html.contains("fault-closure-form"), "a radiographer does not close faults")
            let token = page.formToken ?? ""

            let wrong = try await radiographer.post(
                "/equipment/faults", [("_csrf", token), ("roomID", ""), ("description", ""), ("roomOutOfUse", "no")])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.html.contains(##"href="#field-roomID""##), "\(wrong.html)")
            let empty = try await radiographer.post(
                "/equipment/faults", [("_csrf", token), ("roomID", xr), ("description", " "), ("roomOutOfUse", "no")])
            #expect(empty.status == .unprocessableContent)
            #expect(
                empty.html.contains(##"href="#field-description""##) && empty.html.contains("What is wrong say what"))
            #expect(
                try await seeded.store.transaction { try await $0.faults.list(roomID: nil, openOnly: false, limit: 9) }
                    .isEmpty)
            let noToken = try await radiographer.post(
                "/equipment/faults", [("roomID", xr), ("description", "Detector will not pair")])
            #expect(noToken.status == .forbidden)
            let reported = try await radiographer.post(
                "/equipment/faults",
                [
                    ("_csrf", token), ("roomID", xr), ("equipmentID", ""), ("description", "Detector will not pair"),
                    ("roomOutOfUse", "yes"),
                ])
            #expect(reported.status == .seeOther, "\(reported.html)")
            let afterFault = try await radiographer.get(reported.headers[.location] ?? "")
            #expect(afterFault.html.contains("Fault reported") && afterFault.html.contains("Detector will not pair"))

            let noMethod = try await radiographer.post(
                "/equipment/cleaning", [("_csrf", token), ("cleaningRoomID", xr), ("method", "")])
            #expect(noMethod.status == .unprocessableContent && noMethod.html.contains(##"href="#field-method""##))
            let cleaned = try await radiographer.post(
                "/equipment/cleaning", [("_csrf", token), ("cleaningRoomID", xr), ("method", "Chlorine 1,000 ppm")])
            #expect(cleaned.status == .seeOther)
            let afterClean = try await radiographer.get(cleaned.headers[.location] ?? "")
            #expect(afterClean.html.contains("Clean logged") && afterClean.html.contains("Chlorine 1,000 ppm"))
            let refused = try await radiographer.post(
                "/equipment/faults/closure", [("_csrf", token), ("resolution", "Fixed")])
            #expect(refused.status == .forbidden)

            try await PageTests.account(seeded, "m.lee", .manager, person: nil)
            var manager = PageSession(client)
            _ = try await manager.signIn("m.lee", PageTests.password)
            let managerPage = try await manager.get("/equipment")
            #expect(managerPage.html.contains("fault-closure-form") && managerPage.html.contains("engineering-form"))
            let managerToken = managerPage.formToken ?? ""
            let fault = try #require(
                try await seeded.store.transaction { try await $0.faults.list(roomID: nil, openOnly: true, limit: 9) }
                    .first)
            let noReference = try await manager.post(
                "/equipment/faults/engineering",
                [("_csrf", managerToken), ("engineeringFaultID", fault.id.uuidString), ("engineeringReference", "")])
            #expect(noReference.status == .unprocessableContent)
            #expect(noReference.html.contains(##"href="#field-engineeringReference""##))
            let sent = try await manager.post(
                "/equipment/faults/engineering",
                [
                    ("_csrf", managerToken), ("engineeringFaultID", fault.id.uuidString),
                    ("engineeringReference", "ENG-4471"),
                ])
            #expect(sent.status == .seeOther)
            let noFault = try await manager.post(
                "/equipment/faults/closure", [("_csrf", managerToken), ("closureFaultID", ""), ("resolution", "x")])
            #expect(
                noFault.status == .unprocessableContent && noFault.html.contains(##"href="#field-closureFaultID""##))
            let closed = try await manager.post(
                "/equipment/faults/closure",
                [
                    ("_csrf", managerToken), ("closureFaultID", fault.id.uuidString),
                    ("resolution", "Detector re-paired"),
                ])
            #expect(closed.status == .seeOther)
            let stored = try await seeded.store.transaction { try await $0.faults.get(fault.id) }
            #expect(stored?.status == .closed && stored?.engineeringReference == "ENG-4471")
            #expect(try await manager.get("/equipment?done=fault-closed").html.contains("No fault is open."))
        }
    }

    @Test("The support worker receives a batch, takes some out, counts and orders; errors are summarised")
    func stock() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let item = try await path.api.send(
                .post, "/api/stock/items", token: path.token("support"),
                json:
                    #"{"name":"Omnipaque 300","category":"contrast","unit":"100 mL bottle","reorderLevel":5,"reorderQuantity":20}"#
            )
            let itemID = try #require(item.string("value.id"))
            try await PageTests.account(seeded, "b.walsh", .supportWorker, person: "support")
            var browser = PageSession(client)
            _ = try await browser.signIn("b.walsh", PageTests.password)
            let page = try await browser.get("/stock")
            #expect(page.html.contains("receipt-form") && page.html.contains("order-form"))
            #expect(!page.html.contains("movement-form"), "no batch to take from yet")
            let token = page.formToken ?? ""

            let wrong = try await browser.post(
                "/stock/receipts",
                [
                    ("_csrf", token), ("itemID", itemID), ("batchNumber", ""), ("expires", "soon"), ("location", ""),
                    ("quantity", "ten"),
                ])
            #expect(wrong.status == .unprocessableContent)
            for field in ["expires", "quantity"] {
                #expect(wrong.html.contains(##"href="#field-\##(field)""##), "\(field): \(wrong.html)")
            }
            let incomplete = try await browser.post(
                "/stock/receipts",
                [
                    ("_csrf", token), ("itemID", itemID), ("batchNumber", ""), ("expires", "2027-06-30"),
                    ("location", ""), ("quantity", "10"),
                ])
            #expect(incomplete.status == .unprocessableContent)
            #expect(incomplete.html.contains(##"href="#field-batchNumber""##), "\(incomplete.html)")
            #expect(
                try await seeded.department.viewStock.overview(by: Self.reader).levels.first?.batches.isEmpty == true)

            let received = try await browser.post(
                "/stock/receipts",
                [
                    ("_csrf", token), ("itemID", itemID), ("batchNumber", "B-2291"), ("expires", "2027-06-30"),
                    ("location", "CT store"), ("quantity", "10"), ("orderID", ""),
                ])
            #expect(received.status == .seeOther, "\(received.html)")
            let withBatch = try await browser.get(received.headers[.location] ?? "")
            #expect(withBatch.html.contains("Delivery received") && withBatch.html.contains("movement-form"))
            let batchID = try #require(
                try await seeded.department.viewStock.overview(by: Self.reader).levels.first?.batches.first?.id)
            let tooMany = try await browser.post(
                "/stock/movements",
                [("_csrf", token), ("batchID", batchID.uuidString), ("reason", "used"), ("movementQuantity", "50")])
            #expect(tooMany.status == .unprocessableContent, "\(tooMany.html)")
            #expect(tooMany.html.contains("error-summary"))
            let used = try await browser.post(
                "/stock/movements",
                [
                    ("_csrf", token), ("batchID", batchID.uuidString), ("reason", "used"), ("movementQuantity", "3"),
                    ("note", ""),
                ])
            #expect(used.status == .seeOther, "\(used.html)")
            let noNote = try await browser.post(
                "/stock/movements",
                [("_csrf", token), ("batchID", batchID.uuidString), ("reason", "counted"), ("movementQuantity", "4")])
            #expect(noNote.status == .unprocessableContent && noNote.html.contains(##"href="#field-note""##))
            let counted = try await browser.post(
                "/stock/movements",
                [
                    ("_csrf", token), ("batchID", batchID.uuidString), ("reason", "counted"), ("movementQuantity", "4"),
                    ("note", "Three bottles found broken"),
                ])
            #expect(counted.status == .seeOther, "\(counted.html)")
            let level = try await seeded.department.viewStock.overview(by: Self.reader).levels.first
            #expect(level?.usable == 4 && level?.belowReorderLevel == true)
            let ordered = try await browser.post(
                "/stock/orders",
                [("_csrf", token), ("orderItemID", itemID), ("orderQuantity", ""), ("supplierReference", "PO-118")])
            #expect(ordered.status == .seeOther, "\(ordered.html)")
            let after = try await browser.get(ordered.headers[.location] ?? "")
            #expect(after.html.contains("Order placed") && after.html.contains("Low, on order"), "\(after.html)")

            var radiologist = PageSession(client)
            try await PageTests.account(seeded, "p.shah", .radiologist, person: "radiologist")
            _ = try await radiologist.signIn("p.shah", PageTests.password)
            let readOnly = try await radiologist.get("/stock")
            #expect(readOnly.status == .ok && !readOnly.html.contains("receipt-form"))
            let refused = try await radiologist.post(
                "/stock/orders", [("_csrf", readOnly.formToken ?? ""), ("orderItemID", itemID)])
            #expect(refused.status == .forbidden)
        }
    }

    static let reader = Actor(staffID: nil, username: "test-reader", role: .manager, door: .system)
}
