import Foundation

/// A DICOM service a peer may be allowed to use on Lightbox's listener (the services of PS3.4 that
/// Lightbox offers as SCP). A presentation context for a service the peer is not allowed is rejected.
public enum DICOMService: String, Sendable, Codable, CaseIterable, Hashable {
    /// Verification, C-ECHO (PS3.4 Annex A).
    case echo
    /// Storage, C-STORE (PS3.4 Annex B).
    case store
    /// Query/Retrieve C-FIND (PS3.4 Annex C).
    case find
    /// Query/Retrieve C-MOVE (PS3.4 Annex C.4.2).
    case move
    /// Query/Retrieve C-GET (PS3.4 Annex C.4.3).
    case get
    /// Modality Worklist C-FIND (PS3.4 Annex K).
    case worklist
    /// Modality Performed Procedure Step, N-CREATE/N-SET (PS3.4 Annex F).
    case mpps
    /// Storage Commitment Push Model, N-ACTION/N-EVENT-REPORT (PS3.4 Annex J).
    case commit

    /// Parses a comma-separated list ("echo,store,find"); names the first unknown service.
    public static func parseList(_ text: String) throws(DomainError) -> Set<DICOMService> {
        var services: Set<DICOMService> = []
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard !name.isEmpty else { continue }
            guard let service = DICOMService(rawValue: name) else {
                throw DomainError(
                    .validationFailed,
                    "\"\(name)\" is not a DICOM service; use \(allCases.map(\.rawValue).joined(separator: ", ")).",
                    fields: [FieldProblem("services", "unknown service \(name)")])
            }
            services.insert(service)
        }
        return services
    }
}
