import Foundation

/// Who submits the Diagnostic Imaging Dataset: the provider's and the imaging site's ODS codes, set in the
/// start-up configuration (no default: every department has its own).
public struct DatasetSubmitter: Sendable, Codable, Equatable {
    /// The provider organisation's ODS code (3 to 5 characters, e.g. "RA7").
    public var providerCode: String?
    /// The imaging site's ODS code (5 characters, e.g. "RA701").
    public var siteCode: String?

    public init(providerCode: String? = nil, siteCode: String? = nil) {
        self.providerCode = providerCode
        self.siteCode = siteCode
    }
}
