import Foundation

/// A lead (or lead-free) protective apron on the inventory, checked for integrity every year (DOMAIN.md, Equipment
/// QA: "lead apron integrity check yearly"); one that fails is withdrawn from use.
public struct LeadApron: StockRecord {
    public static let kind = "apron"
    public var id: UUID
    /// The label on the apron.
    public var identifier: String
    public var description: String
    /// Lead equivalence in mm Pb (0.25, 0.35, 0.5).
    public var leadEquivalenceMillimetres: Double
    public var location: String
    public var inService: Bool
    public var lastCheckedOn: Date?
    public var nextCheckDue: Date
    public var createdAt: Date

    public init(
        id: UUID, identifier: String, description: String, leadEquivalenceMillimetres: Double, location: String,
        inService: Bool = true, lastCheckedOn: Date? = nil, nextCheckDue: Date, createdAt: Date
    ) {
        self.id = id
        self.identifier = identifier
        self.description = description
        self.leadEquivalenceMillimetres = leadEquivalenceMillimetres
        self.location = location
        self.inService = inService
        self.lastCheckedOn = lastCheckedOn
        self.nextCheckDue = nextCheckDue
        self.createdAt = createdAt
    }

    public var listedAt: Date { createdAt }
}
