import Foundation
import Hummingbird
import LightboxDomain

extension StockItem: APISchema {
    public static let schemaName = "StockItem"
    public static var example: StockItem {
        StockItem(
            id: Examples.id(50), name: "Omnipaque 300", category: .contrast, unit: "100 mL bottle", reorderLevel: 10,
            reorderQuantity: 40, createdAt: Examples.now)
    }
}

extension AddStockItem.Command: APISchema {
    public static let schemaName = "AddStockItem"
    public static var example: AddStockItem.Command {
        let item = StockItem.example
        return .init(
            name: item.name, category: item.category, unit: item.unit, reorderLevel: item.reorderLevel,
            reorderQuantity: item.reorderQuantity)
    }
}

extension StockBatch: APISchema {
    public static let schemaName = "StockBatch"
    public static var example: StockBatch {
        StockBatch(
            id: Examples.id(51), itemID: Examples.id(50), batchNumber: "B12345",
            expires: Examples.now.addingTimeInterval(180 * 86400), location: "CT 1 contrast cupboard", quantity: 24,
            receivedAt: Examples.now, receivedBy: "b.walsh")
    }
}

extension ReceiveStock.Command: APISchema {
    public static let schemaName = "ReceiveStock"
    public static var example: ReceiveStock.Command {
        let batch = StockBatch.example
        return .init(
            itemID: batch.itemID, batchNumber: batch.batchNumber, expires: batch.expires, location: batch.location,
            quantity: 24, orderID: Examples.id(53))
    }
}

extension StockMovement: APISchema {
    public static let schemaName = "StockMovement"
    public static var example: StockMovement {
        StockMovement(
            id: Examples.id(52), batchID: Examples.id(51), itemID: Examples.id(50), reason: .given, change: -1,
            examID: Examples.id(1), patientID: Examples.id(2), note: "Dropped bottle", at: Examples.now,
            by: "g.okafor")
    }
}

extension RecordStockMovement.Command: APISchema {
    public static let schemaName = "RecordStockMovement"
    public static let pathMembers = ["batchID"]
    public static var example: RecordStockMovement.Command {
        .init(batchID: Examples.id(51), reason: .disposed, quantity: 1, note: "Seal broken")
    }
}

extension StockOrder: APISchema {
    public static let schemaName = "StockOrder"
    public static var example: StockOrder {
        StockOrder(
            id: Examples.id(53), itemID: Examples.id(50), quantity: 40, supplierReference: "NHS SC PO 99812",
            status: .received, orderedAt: Examples.now, orderedBy: "b.walsh", closedAt: Examples.now)
    }
}

extension PlaceStockOrder.Command: APISchema {
    public static let schemaName = "PlaceStockOrder"
    public static var example: PlaceStockOrder.Command {
        .init(itemID: Examples.id(50), quantity: 40, supplierReference: "NHS SC PO 99812")
    }
}

extension LeadApron: APISchema {
    public static let schemaName = "LeadApron"
    public static var example: LeadApron {
        LeadApron(
            id: Examples.id(54), identifier: "APR-017", description: "Wrap-around, medium",
            leadEquivalenceMillimetres: 0.35,
            location: "Fluoroscopy room", inService: true, lastCheckedOn: Examples.now,
            nextCheckDue: Examples.now.addingTimeInterval(365 * 86400), createdAt: Examples.now)
    }
}

extension AddLeadApron.Command: APISchema {
    public static let schemaName = "AddLeadApron"
    public static var example: AddLeadApron.Command {
        let apron = LeadApron.example
        return .init(
            identifier: apron.identifier, description: apron.description,
            leadEquivalenceMillimetres: apron.leadEquivalenceMillimetres, location: apron.location,
            lastCheckedOn: apron.lastCheckedOn)
    }
}

extension ApronCheck: APISchema {
    public static let schemaName = "ApronCheck"
    public static var example: ApronCheck {
        ApronCheck(
            id: Examples.id(55), apronID: Examples.id(54), checkedOn: Examples.now, method: .fluoroscopic,
            passed: false, findings: "Crack 2 cm at the left shoulder", checkedBy: "p.nair")
    }
}

extension RecordApronCheck.Command: APISchema {
    public static let schemaName = "RecordApronCheck"
    public static let pathMembers = ["apronID"]
    public static var example: RecordApronCheck.Command {
        let check = ApronCheck.example
        return .init(
            apronID: check.apronID, checkedOn: check.checkedOn, method: check.method, passed: check.passed,
            findings: check.findings)
    }
}

extension StockLevel: APISchema {
    public static let schemaName = "StockLevel"
    public static var example: StockLevel {
        StockLevel(item: .example, batches: [.example], orders: [.example], at: Examples.now)
    }
}

extension StockOverview: APISchema {
    public static let schemaName = "StockOverview"
    public static var example: StockOverview {
        StockOverview(
            levels: [.example], toReorder: [Examples.id(50)], expiringSoon: [.example], expired: [.example],
            openOrders: [.example], aprons: [.example], apronsOverdue: [Examples.id(54)])
    }
}

extension StockBatchDetail: APISchema {
    public static let schemaName = "StockBatchDetail"
    public static var example: StockBatchDetail {
        StockBatchDetail(batch: .example, item: .example, movements: [.example])
    }
}

extension ContrastAdministration: APISchema {
    public static let schemaName = "ContrastAdministration"
    public static var example: ContrastAdministration {
        ContrastAdministration(
            movementID: Examples.id(52), examID: Examples.id(1), patientID: Examples.id(2),
            accessionNumber: "LBX-000123", batchID: Examples.id(51), batchNumber: "B12345", itemID: Examples.id(50),
            itemName: "Omnipaque 300", units: 1, at: Examples.now, by: "g.okafor")
    }
}

extension WebApplication {
    /// Stock of issue 17: items, batches and their movements, orders, lead aprons, and the contrast trace.
    static var stockRoutes: [APIRoute] {
        [
            .json(
                .get, "/api/stock", id: "stockOverview",
                summary: "Stock levels, items to reorder, batches expired or expiring soon, open orders, lead aprons",
                tag: "Stock", access: .permission(.viewStock), body: NoBody.self, response: StockOverview.self
            ) { call, _ in
                try await call.department.viewStock.overview(by: call.actor)
            },
            .json(
                .post, "/api/stock/items", id: "addStockItem", summary: "Add an item to the stock list; audited",
                tag: "Stock", access: .permission(.manageStock), body: AddStockItem.Command.self,
                response: Outcome<StockItem>.self, status: .created, problems: [.conflict, .unprocessableContent]
            ) { call, command in
                try await call.department.addStockItem(command, by: call.actor)
            },
            .json(
                .post, "/api/stock/deliveries", id: "receiveStock",
                summary: "Receive a batch into a location (closing its order); audited", tag: "Stock",
                access: .permission(.manageStock), body: ReceiveStock.Command.self, response: Outcome<StockBatch>.self,
                status: .created, problems: [.unprocessableContent]
            ) { call, command in
                try await call.department.receiveStock(command, by: call.actor)
            },
            .json(
                .get, "/api/stock/batches/{batchID}", id: "getStockBatch",
                summary: "One batch with its item and movements", tag: "Stock", access: .permission(.viewStock),
                body: NoBody.self, response: StockBatchDetail.self
            ) { call, _ in
                try await call.department.viewStock.batch(call.id("batchID"), by: call.actor)
            },
            .json(
                .post, "/api/stock/batches/{batchID}/movements", id: "recordStockMovement",
                summary: "Take units from a batch (used, disposed) or set its counted level; audited", tag: "Stock",
                access: .permission(.manageStock), body: RecordStockMovement.Command.self,
                response: Outcome<StockMovement>.self, status: .created, problems: [.unprocessableContent]
            ) { call, command in
                try await call.department.recordStockMovement(command, by: call.actor)
            },
            .json(
                .get, "/api/stock/batches/{batchID}/patients", id: "traceStockBatch",
                summary: "Every exam and patient a contrast batch was given to (a recall); audited per exam",
                tag: "Stock", access: .permission(.viewStock), body: NoBody.self,
                response: [ContrastAdministration].self
            ) { call, _ in
                try await call.department.viewStock.patientsGiven(batch: call.id("batchID"), by: call.actor)
            },
            .json(
                .get, "/api/exams/{examID}/stock", id: "examStock",
                summary: "The stock batches given in an exam (contrast), each with its stock record; audited",
                tag: "Stock", access: .permission(.viewExams), body: NoBody.self,
                response: [ContrastAdministration].self
            ) { call, _ in
                try await call.department.viewStock.givenInExam(call.id("examID"), by: call.actor)
            },
            .json(
                .post, "/api/stock/orders", id: "placeStockOrder",
                summary: "Order an item (its reorder quantity by default); audited", tag: "Stock",
                access: .permission(.manageStock), body: PlaceStockOrder.Command.self,
                response: Outcome<StockOrder>.self, status: .created, problems: [.unprocessableContent]
            ) { call, command in
                try await call.department.placeStockOrder(command, by: call.actor)
            },
            .json(
                .post, "/api/stock/aprons", id: "addLeadApron", summary: "Add a lead apron to the inventory; audited",
                tag: "Stock", access: .permission(.manageStock), body: AddLeadApron.Command.self,
                response: Outcome<LeadApron>.self, status: .created, problems: [.unprocessableContent]
            ) { call, command in
                try await call.department.addLeadApron(command, by: call.actor)
            },
            .json(
                .get, "/api/stock/aprons/{apronID}/checks", id: "listApronChecks",
                summary: "A lead apron's integrity checks", tag: "Stock", access: .permission(.viewStock),
                body: NoBody.self, response: [ApronCheck].self
            ) { call, _ in
                try await call.department.viewStock.apronChecks(call.id("apronID"), by: call.actor)
            },
            .json(
                .post, "/api/stock/aprons/{apronID}/checks", id: "recordApronCheck",
                summary: "Record a lead apron's yearly integrity check (a failure withdraws it); audited",
                tag: "Stock", access: .permission(.manageStock), body: RecordApronCheck.Command.self,
                response: Outcome<ApronCheck>.self, status: .created, problems: [.unprocessableContent]
            ) { call, command in
                try await call.department.recordApronCheck(command, by: call.actor)
            },
        ]
    }
}
