import Foundation

/// Which exams an entitlement or a referral rule covers: every field that is set must match
/// (for example modality DX and region upperLimb; or one catalogue code). At least one is set.
public struct ExamScope: Sendable, Codable, Hashable {
    public var modality: Modality?
    public var examCode: String?
    public var bodyRegion: BodyRegion?

    public init(modality: Modality? = nil, examCode: String? = nil, bodyRegion: BodyRegion? = nil) {
        self.modality = modality
        self.examCode = examCode
        self.bodyRegion = bodyRegion
    }

    public var isEmpty: Bool { modality == nil && examCode == nil && bodyRegion == nil }

    public func covers(_ entry: CatalogueEntry) -> Bool {
        guard !isEmpty else { return false }
        if let modality, modality != entry.modality { return false }
        if let examCode, examCode.uppercased() != entry.code.uppercased() { return false }
        if let bodyRegion, bodyRegion != entry.bodyRegion { return false }
        return true
    }

    public var summary: String {
        [modality?.rawValue, examCode, bodyRegion?.rawValue].compactMap { $0 }.joined(separator: " ")
    }
}
