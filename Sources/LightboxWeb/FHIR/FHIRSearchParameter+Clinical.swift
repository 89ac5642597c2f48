import Foundation

/// The search parameters FHIR R4 defines once for the clinical resources about one patient (§3.1.1.4, the
/// `clinical-*` SearchParameters), with the resource's own `subject` beside them, so each resource that takes them
/// publishes and parses them alike.
extension FHIRSearchParameter {
    /// `patient`: the patient the resource is about (clinical-patient).
    static let patient = FHIRSearchParameter(
        "patient", .reference, definition: base("clinical", "patient"), "Patient/{id}")

    /// `subject` of `resource`, which for the exam's resources is always the patient.
    static func subject(of resource: String) -> FHIRSearchParameter {
        FHIRSearchParameter("subject", .reference, definition: base(resource, "subject"), "Patient/{id}")
    }

    /// `identifier` (clinical-identifier), with what the resource's identifier holds.
    static func clinicalIdentifier(_ documentation: String) -> FHIRSearchParameter {
        FHIRSearchParameter("identifier", .token, definition: base("clinical", "identifier"), documentation)
    }
}
