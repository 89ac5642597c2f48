import Foundation

/// A DICOM application entity Lightbox knows (a modality, a viewer, another PACS): who may open an
/// association to Lightbox (by calling AE title), where Lightbox reaches it (C-MOVE destinations,
/// storage commitment results on a new association) and which services it may use.
/// Unknown calling AE titles are refused (PS3.8 §7.1.1.2, A-ASSOCIATE-RJ reason 3).
public struct DICOMPeer: Sendable, Codable, Equatable, Identifiable {
    public var id: UUID
    /// The peer's AE title (PS3.5 §6.2 AE: 1-16 characters, no backslash or control characters,
    /// leading and trailing spaces insignificant).
    public var aeTitle: String
    public var host: String
    public var port: Int
    public var services: Set<DICOMService>
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, aeTitle: String, host: String, port: Int, services: Set<DICOMService>, createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.aeTitle = aeTitle
        self.host = host
        self.port = port
        self.services = services
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Services in a stable order, for display and storage ("echo,store,find").
    public var serviceList: String {
        DICOMService.allCases.filter { services.contains($0) }.map(\.rawValue).joined(separator: ",")
    }

    /// The problems with an AE title, host and port (empty when valid), PS3.5 §6.2 (AE).
    public static func problems(aeTitle: String, host: String, port: Int) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        let title = aeTitle.trimmingCharacters(in: .whitespaces)
        if title.isEmpty || title.count > 16
            || !title.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value != 0x5C })
        {
            problems.append(
                FieldProblem("aeTitle", "must be 1-16 printable ASCII characters without a backslash"))
        }
        let hostText = host.trimmingCharacters(in: .whitespaces)
        if hostText.isEmpty || hostText.count > 253
            || !hostText.unicodeScalars.allSatisfy({
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || ".-:".unicodeScalars.contains($0))
            })
        {
            problems.append(FieldProblem("host", "must be a host name or an IP address"))
        }
        if !(1...65_535).contains(port) {
            problems.append(FieldProblem("port", "must be between 1 and 65535"))
        }
        return problems
    }
}
