import Foundation
import LightboxDomain

/// Stock (issue 17) as the support worker and the manager read it: each item's level against its reorder level,
/// batches expired or expiring soon, open orders, and the lead aprons with their yearly integrity checks.
struct StockPageModel: PageModel {
    static let template = "stock"

    struct LevelRow: Sendable, Equatable {
        var name: String
        var category: String
        var unit: String
        var usable: Int
        var expired: Int
        var onOrder: Int
        var reorderLevel: Int
        var status: String
        var warning: Bool
    }

    struct BatchRow: Sendable, Equatable {
        var item: String
        var batchNumber: String
        var location: String
        var expires: String
        var quantity: Int
        var href: String
    }

    struct ApronRow: Sendable, Equatable {
        var identifier: String
        var description: String
        var leadEquivalence: String
        var location: String
        var lastChecked: String
        var nextDue: String
        var status: String
        var warning: Bool
    }

    var layout: LayoutModel
    var levels: [LevelRow]
    var hasLevels: Bool
    /// Every batch on the shelves, each linking to its movements and the patients it was given to.
    var batches: [BatchRow]
    var hasBatches: Bool
    var expired: [BatchRow]
    var hasExpired: Bool
    var expiringSoon: [BatchRow]
    var hasExpiringSoon: Bool
    var warningDays: Int
    var aprons: [ApronRow]
    var hasAprons: Bool
    /// The forms to receive, take out, count and order stock.
    var operations: StockOperationsForms?
    var errorSummary: ErrorSummary?

    init(
        layout: LayoutModel, overview: StockOverview, warningDays: Int, now: Date, timeZone: TimeZone,
        operations: StockOperationsForms? = nil
    ) {
        self.layout = layout
        self.operations = operations
        errorSummary = operations?.errorSummary
        let day = { (date: Date) in StaffRecordsPageModel.day(date, timeZone) }
        let names = Dictionary(overview.levels.map { ($0.item.id, $0.item.name) }, uniquingKeysWith: { a, _ in a })
        levels = overview.levels.map { level in
            let status: String
            if level.belowReorderLevel && level.onOrder == 0 {
                status = "Reorder now"
            } else if level.belowReorderLevel {
                status = "Low, on order"
            } else {
                status = "In stock"
            }
            return LevelRow(
                name: level.item.name, category: level.item.category.label, unit: level.item.unit,
                usable: level.usable, expired: level.expired, onOrder: level.onOrder,
                reorderLevel: level.item.reorderLevel, status: status, warning: level.belowReorderLevel)
        }
        hasLevels = !levels.isEmpty
        let row = { (batch: StockBatch) in
            BatchRow(
                item: names[batch.itemID] ?? "", batchNumber: batch.batchNumber, location: batch.location,
                expires: batch.expires.map(day) ?? "", quantity: batch.quantity,
                href: "/stock/batches/\(batch.id.uuidString)")
        }
        batches = overview.levels.flatMap(\.batches).map(row)
        hasBatches = !batches.isEmpty
        expired = overview.expired.map(row)
        hasExpired = !expired.isEmpty
        expiringSoon = overview.expiringSoon.map(row)
        hasExpiringSoon = !expiringSoon.isEmpty
        self.warningDays = warningDays
        aprons = overview.aprons.map { apron in
            let overdue = apron.inService && apron.nextCheckDue <= now
            return ApronRow(
                identifier: apron.identifier, description: apron.description,
                leadEquivalence: "\(apron.leadEquivalenceMillimetres.pageClean) mm Pb", location: apron.location,
                lastChecked: apron.lastCheckedOn.map(day) ?? "Never", nextDue: day(apron.nextCheckDue),
                status: !apron.inService ? "Withdrawn from use" : overdue ? "Check overdue" : "In service",
                warning: !apron.inService || overdue)
        }
        hasAprons = !aprons.isEmpty
    }
}
