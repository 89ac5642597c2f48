/// How a content item relates to its parent: Relationship Type (0040,A010). PS3.3 §C.17.3.2.4.
public enum SRRelationshipType: String, Sendable, Hashable, Codable, CaseIterable {
    case contains = "CONTAINS"
    case hasProperties = "HAS PROPERTIES"
    case hasObservationContext = "HAS OBS CONTEXT"
    case hasAcquisitionContext = "HAS ACQ CONTEXT"
    case inferredFrom = "INFERRED FROM"
    case selectedFrom = "SELECTED FROM"
    case hasConceptModifier = "HAS CONCEPT MOD"
}
