import Foundation

/// Referrers (doctors, GPs, non-medical referrers) and their referral scope.
public protocol ReferrerRepository: Sendable {
    func get(_ id: UUID) async throws -> Referrer?
    /// The referrer with this professional registration number (GMC, NMC, HCPC...).
    func find(registrationNumber: String) async throws -> Referrer?
    func list() async throws -> [Referrer]
    func insert(_ referrer: Referrer) async throws
    func update(_ referrer: Referrer) async throws
}
