import Foundation
import LightboxDomain
import LightboxTestSupport
import LightboxWeb
import Testing

/// Issue 17, stock through the JSON API on both engines: items, deliveries, levels and reorder, expiry alerts,
/// orders, lead aprons and their checks, and the contrast batch traced from the exam to stock and back.
@Suite("Stock routes")
struct StockRoutesTests {
    static let day: TimeInterval = 86_400

    static func checklist(batchID: String, batch: String? = nil) -> String {
        let stated = batch.map { #","batch":"\#($0)""# } ?? ""
        return """
            {\(Pathway.identityJSON),"anatomy":{"bodyPartConfirmed":true},"equipmentAndSettingsConfirmed":true,\
            "contrast":{"previousReaction":false,"allergiesOrAsthma":false,"diabetes":false,"renalDisease":false,\
            "knownLowEGFR":false,"onMetformin":false,"volumeMillilitres":80,"stockBatchID":"\(batchID)"\(stated)}}
            """
    }

    /// A contrast item with one batch of `quantity` bottles; returns the item and batch ids.
    static func contrastInStock(
        _ path: Pathway, quantity: Int = 3, expires: Date, batch: String = "OMN-2291"
    ) async throws -> (String, String) {
        let item = try await path.api.send(
            .post, "/api/stock/items", token: path.token("support"),
            json: """
                {"name":"Omnipaque 300","category":"contrast","unit":"100 mL bottle","reorderLevel":2,"reorderQuantity":20}
                """)
        #expect(item.status == .created, "\(item.text)")
        let itemID = item.string("value.id") ?? ""
        let delivery = try await path.api.send(
            .post, "/api/stock/deliveries", token: path.token("support"),
            json: """
                {"itemID":"\(itemID)","batchNumber":"\(batch)","expires":"\(Pathway.iso(expires))",\
                "location":"CT 1 contrast cupboard","quantity":\(quantity)}
                """)
        #expect(delivery.status == .created, "\(delivery.text)")
        return (itemID, delivery.string("value.id") ?? "")
    }

    @Test(
        "A contrast batch given at Pause and Check is traced from the exam to the stock record and back, and the level falls",
        arguments: TestEngine.allCases)
    func contrastTrace(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let now = seeded.clock.now()
            let (_, batchID) = try await Self.contrastInStock(path, expires: now + 90 * Self.day)

            let exam = try await path.request("man", "CCHEST")
            try await path.justify(exam, by: "radiologist")
            try await path.book(exam, room: "ct")
            try await path.arrive(exam)
            // The batch number written must be the stock batch's; nothing is changed when refused.
            let wrong = try await path.step(
                exam, "pause-and-check", by: path.token("radiographer"),
                Self.checklist(batchID: batchID, batch: "OTHER-1"), expect: 422)
            #expect(wrong.problemFields.contains("contrast.batch"), "\(wrong.text)")
            var detail = try await path.api.send(.get, "/api/stock/batches/\(batchID)", token: path.token("support"))
            #expect(detail.json?["batch"]?["quantity"] == .number(3), "\(detail.text)")

            try await path.step(
                exam, "pause-and-check", by: path.token("radiographer"), Self.checklist(batchID: batchID))

            // From the exam to stock: the exam's contrast names the batch, and the exam's stock lists it.
            let examRecord = try await path.api.send(.get, "/api/exams/\(exam)", token: path.token("radiographer"))
            #expect(examRecord.text.contains(batchID), "\(examRecord.text)")
            #expect(examRecord.text.contains("OMN-2291"), "\(examRecord.text)")
            let given = try await path.api.send(.get, "/api/exams/\(exam)/stock", token: path.token("radiographer"))
            #expect(given.status == .ok, "\(given.text)")
            guard case .array(let administrations)? = given.json, let first = administrations.first else {
                Issue.record("nothing given: \(given.text)")
                return
            }
            #expect(administrations.count == 1)
            #expect(first["batchID"] == .string(batchID) && first["batchNumber"] == .string("OMN-2291"))
            #expect(first["itemName"] == .string("Omnipaque 300") && first["units"] == .number(1))

            // From stock back to the exam and the patient: the batch's movements and its recall list.
            detail = try await path.api.send(.get, "/api/stock/batches/\(batchID)", token: path.token("support"))
            #expect(detail.json?["batch"]?["quantity"] == .number(2), "\(detail.text)")
            #expect(detail.text.contains(exam), "\(detail.text)")
            let recall = try await path.api.send(
                .get, "/api/stock/batches/\(batchID)/patients", token: path.token("radiographer"))
            #expect(recall.status == .ok, "\(recall.text)")
            guard case .array(let patients)? = recall.json else {
                Issue.record("no recall list: \(recall.text)")
                return
            }
            #expect(patients.count == 1 && patients.first?["examID"] == .string(exam), "\(recall.text)")
            #expect(patients.first?["patientID"] == .string(seeded.patients["man"]?.id.uuidString ?? ""))
            // Reading who had the batch is a read of their record.
            let traced = try await AuditRows.actions(database, examID: exam)
            #expect(traced.contains("stock.given") && traced.contains("stock.batch-traced"), "\(traced)")
            // Those who may not see stock see no recall list.
            let referrer = try await path.api.send(
                .get, "/api/stock/batches/\(batchID)/patients", token: path.roleToken(.referrer))
            #expect(referrer.status == .forbidden, "\(referrer.text)")

            // The overview: 2 usable at reorder level 2 is due for reorder; ordering clears it.
            var overview = try await path.api.send(.get, "/api/stock", token: path.roleToken(.manager))
            #expect(overview.json?["levels"]?[0]?["usable"] == .number(2), "\(overview.text)")
            #expect(overview.json?["toReorder"]?[0] == overview.json?["levels"]?[0]?["item"]?["id"], "\(overview.text)")
            let itemID = overview.json?["levels"]?[0]?["item"]?["id"]?.text ?? ""
            let order = try await path.api.send(
                .post, "/api/stock/orders", token: path.token("support"), json: #"{"itemID":"\#(itemID)"}"#)
            #expect(order.status == .created && order.json?["value"]?["quantity"] == .number(20), "\(order.text)")
            overview = try await path.api.send(.get, "/api/stock", token: path.roleToken(.manager))
            #expect(overview.json?["toReorder"] == .array([]), "\(overview.text)")
            #expect(overview.json?["levels"]?[0]?["onOrder"] == .number(20), "\(overview.text)")
        }
    }

    @Test(
        "Expired or empty batches cannot be given; expiry alerts; movements refused below zero",
        arguments: TestEngine.allCases)
    func expiryAndRefusals(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let now = seeded.clock.now()
            let (_, batchID) = try await Self.contrastInStock(path, quantity: 1, expires: now + 10 * Self.day)
            var overview = try await path.api.send(.get, "/api/stock", token: path.token("support"))
            #expect(overview.json?["expiringSoon"]?[0]?["id"] == .string(batchID), "\(overview.text)")

            let taken = try await path.api.send(
                .post, "/api/stock/batches/\(batchID)/movements", token: path.token("support"),
                json: #"{"reason":"disposed","quantity":2,"note":"Seal broken"}"#)
            #expect(taken.status == .unprocessableContent && taken.problemFields == ["quantity"], "\(taken.text)")
            let given = try await path.api.send(
                .post, "/api/stock/batches/\(batchID)/movements", token: path.token("support"),
                json: #"{"reason":"given","quantity":1}"#)
            #expect(given.problemFields == ["reason"], "\(given.text)")

            seeded.clock.advance(by: 11 * Self.day)
            overview = try await path.api.send(.get, "/api/stock", token: path.token("support"))
            #expect(overview.json?["expired"]?[0]?["id"] == .string(batchID), "\(overview.text)")
            #expect(overview.json?["levels"]?[0]?["usable"] == .number(0), "\(overview.text)")

            let exam = try await path.request("man", "CCHEST")
            try await path.justify(exam, by: "radiologist")
            try await path.book(exam, room: "ct")
            try await path.arrive(exam)
            let refused = try await path.step(
                exam, "pause-and-check", by: path.token("radiographer"), Self.checklist(batchID: batchID), expect: 422)
            #expect(refused.text.contains("has expired"), "\(refused.text)")
            let detail = try await path.api.send(.get, "/api/stock/batches/\(batchID)", token: path.token("support"))
            #expect(detail.json?["batch"]?["quantity"] == .number(1), "\(detail.text)")
        }
    }

    @Test(
        "Lead aprons: first check due at once, a pass sets the next a year on, a failure withdraws",
        arguments: TestEngine.allCases)
    func leadAprons(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let now = seeded.clock.now()
            let added = try await path.api.send(
                .post, "/api/stock/aprons", token: path.token("support"),
                json:
                    #"{"identifier":"APR-017","description":"Wrap-around, medium","leadEquivalenceMillimetres":0.35,"location":"Fluoroscopy"}"#
            )
            #expect(added.status == .created, "\(added.text)")
            let apronID = added.string("value.id") ?? ""
            var overview = try await path.api.send(.get, "/api/stock", token: path.roleToken(.manager))
            #expect(overview.json?["apronsOverdue"] == .array([.string(apronID)]), "\(overview.text)")

            let pass = try await path.api.send(
                .post, "/api/stock/aprons/\(apronID)/checks", token: path.token("support"),
                json: #"{"checkedOn":"\#(Pathway.iso(now))","method":"fluoroscopic","passed":true}"#)
            #expect(pass.status == .created, "\(pass.text)")
            overview = try await path.api.send(.get, "/api/stock", token: path.roleToken(.manager))
            #expect(overview.json?["apronsOverdue"] == .array([]), "\(overview.text)")
            #expect(
                overview.json?["aprons"]?[0]?["nextCheckDue"] == .string(Pathway.iso(now + 365 * Self.day)),
                "\(overview.text)")

            let vague = try await path.api.send(
                .post, "/api/stock/aprons/\(apronID)/checks", token: path.token("support"),
                json: #"{"checkedOn":"\#(Pathway.iso(now))","method":"visual-tactile","passed":false}"#)
            #expect(vague.problemFields == ["findings"], "\(vague.text)")
            let fail = try await path.api.send(
                .post, "/api/stock/aprons/\(apronID)/checks", token: path.token("support"),
                json:
                    #"{"checkedOn":"\#(Pathway.iso(now))","method":"visual-tactile","passed":false,"findings":"Crack at the shoulder"}"#
            )
            #expect(fail.status == .created, "\(fail.text)")
            overview = try await path.api.send(.get, "/api/stock", token: path.roleToken(.manager))
            #expect(overview.json?["aprons"]?[0]?["inService"] == .bool(false), "\(overview.text)")
            let checks = try await path.api.send(
                .get, "/api/stock/aprons/\(apronID)/checks", token: path.token("radiographer"))
            guard case .array(let list)? = checks.json else {
                Issue.record("no checks: \(checks.text)")
                return
            }
            #expect(list.count == 2)
            let audited = try AuditRows.query(database, "SELECT action FROM audit_entries WHERE action LIKE 'apron.%'")
            #expect(audited == ["apron.added", "apron.checked", "apron.checked"], "\(audited)")
            let referrer = try await path.api.send(.get, "/api/stock", token: path.roleToken(.referrer))
            #expect(referrer.status == .forbidden)
        }
    }
}

extension JSONValue {
    /// The element at `index` of an array, nil otherwise.
    subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// The text of a string value.
    var text: String? {
        guard case .string(let value) = self else { return nil }
        return value
    }
}
