/// HD: hierarchic designator (HL7 v2.5.1 §2.A.36).
public struct HD: Sendable, Hashable {
    /// HD.1 namespace id (IS, table 0300/0361/0362/0363).
    public var namespaceID: String?
    /// HD.2 universal id, e.g. an OID.
    public var universalID: String?
    /// HD.3 universal id type (table 0301), e.g. `ISO`.
    public var universalIDType: String?

    public init(namespaceID: String? = nil, universalID: String? = nil, universalIDType: String? = nil) {
        self.namespaceID = namespaceID
        self.universalID = universalID
        self.universalIDType = universalIDType
    }

    /// Reads an HD from a field, or from a component (its parts are then sub-components).
    public init(_ f: Field) {
        self.init(namespaceID: f.t(1), universalID: f.t(2), universalIDType: f.t(3))
    }

    public var isEmpty: Bool { namespaceID == nil && universalID == nil && universalIDType == nil }

    /// Raw ER7; `nested` when it sits inside a component (CX.4) and uses sub-component separators.
    public func er7(_ w: ER7Writer, nested: Bool = false) -> String {
        let parts = [namespaceID, universalID, universalIDType]
        return nested ? w.subcomponents(parts) : w.components(parts)
    }
}
