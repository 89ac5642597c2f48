import LightboxDomain

extension ExamScope {
    /// The scope in words ("DX upper limb"): modality, exam code, body region (the domain's label,
    /// lower-cased as it reads inside a sentence).
    var pageSummary: String {
        [modality?.rawValue, examCode, bodyRegion?.label.lowercased()].compactMap { $0 }.joined(separator: " ")
    }
}
