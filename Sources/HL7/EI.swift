/// EI: entity identifier (HL7 v2.5.1 §2.A.28), used for placer/filler order numbers.
public struct EI: Sendable, Hashable {
    /// EI.1 entity identifier.
    public var entityIdentifier: String?
    /// EI.2 namespace id.
    public var namespaceID: String?
    /// EI.3 universal id.
    public var universalID: String?
    /// EI.4 universal id type.
    public var universalIDType: String?

    public init(
        entityIdentifier: String?, namespaceID: String? = nil, universalID: String? = nil,
        universalIDType: String? = nil
    ) {
        self.entityIdentifier = entityIdentifier
        self.namespaceID = namespaceID
        self.universalID = universalID
        self.universalIDType = universalIDType
    }

    public init(_ f: Field) {
        self.init(entityIdentifier: f.t(1), namespaceID: f.t(2), universalID: f.t(3), universalIDType: f.t(4))
    }

    public func er7(_ w: ER7Writer, nested: Bool = false) -> String {
        let parts = [entityIdentifier, namespaceID, universalID, universalIDType]
        return nested ? w.subcomponents(parts) : w.components(parts)
    }
}
