import Foundation

/// One integrity check of a lead apron: visual and tactile, or under fluoroscopy, with its result.
public struct ApronCheck: StockRecord {
    public static let kind = "apron-check"

    public enum Method: String, Sendable, Codable, CaseIterable {
        case visualTactile = "visual-tactile"
        case fluoroscopic

        public var label: String {
            switch self {
            case .visualTactile: "Visual and tactile"
            case .fluoroscopic: "Fluoroscopic"
            }
        }
    }

    public var id: UUID
    public var apronID: UUID
    public var checkedOn: Date
    public var method: Method
    public var passed: Bool
    public var findings: String?
    public var checkedBy: String

    public init(
        id: UUID, apronID: UUID, checkedOn: Date, method: Method, passed: Bool, findings: String?, checkedBy: String
    ) {
        self.id = id
        self.apronID = apronID
        self.checkedOn = checkedOn
        self.method = method
        self.passed = passed
        self.findings = findings
        self.checkedBy = checkedBy
    }

    public var parentID: UUID? { apronID }
    public var listedAt: Date { checkedOn }
}
